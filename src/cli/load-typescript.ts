/**
 * Loads a TypeScript module for `synth` and `run` with tsx, which is an optional
 * peer dependency: `npm install bacalhau-jobs` does not pull in a compiler
 * (tsx, esbuild and its native binary). Without tsx, loading a `.ts` file fails
 * with one line that says what to install.
 *
 * This file imports only Node built-ins (test/packaging.test.ts runs it on its
 * own, where tsx cannot be found).
 *
 * @module
 */
import { isAbsolute, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The part of `tsx/esm/api` used here (tsx 4.9 and newer). */
interface TsxEsmApi {
  readonly tsImport: (specifier: string, parentUrl: string) => Promise<unknown>;
}

/** `url` as the user would write it: a path relative to the working directory when it is inside it. */
function displayName(url: string): string {
  if (!url.startsWith('file:')) return url;
  const path = fileURLToPath(url);
  const fromCwd = relative(process.cwd(), path);
  return fromCwd !== '' && !fromCwd.startsWith('..') && !isAbsolute(fromCwd) ? fromCwd : path;
}

/** The one-line message for a `.ts` module that cannot be loaded because tsx is missing (or too old). */
export function missingLoaderMessage(url: string, found?: 'too old'): string {
  const file = displayName(url);
  return found === 'too old'
    ? `loading ${file} needs tsx 4.9 or newer as its TypeScript loader: npm install --save-dev tsx@latest`
    : `loading ${file} needs a TypeScript loader: npm install --save-dev tsx`;
}

/** Thrown when tsx cannot be found; its message is one line. */
export class MissingTypeScriptLoaderError extends Error {
  readonly code = 'ERR_TYPESCRIPT_LOADER_MISSING';
  constructor(url: string, found?: 'too old') {
    super(missingLoaderMessage(url, found));
    this.name = 'MissingTypeScriptLoaderError';
  }
}

/** True when `error` says that the package `tsx` itself (not something tsx imports) cannot be found. */
function isTsxMissing(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === 'ERR_MODULE_NOT_FOUND' && /Cannot find package 'tsx'/.test(String(message));
}

/** True when `error` says that the installed tsx has no `tsx/esm/api` (tsx before 4.9). */
function isTooOld(error: unknown): boolean {
  const { code, message } = error as { code?: unknown; message?: unknown };
  return code === 'ERR_PACKAGE_PATH_NOT_EXPORTED' && /[\\/]tsx[\\/]package\.json/.test(String(message));
}

/**
 * tsx's ESM API, resolved from this package (the optional peer dependency: in an
 * npm, pnpm or yarn project it is the project's own tsx). `undefined` if it is not
 * installed, 'too old' if it predates `tsx/esm/api` (tsx 4.9).
 */
async function tsxApi(): Promise<TsxEsmApi | 'too old' | undefined> {
  try {
    const api = (await import('tsx/esm/api')) as Partial<TsxEsmApi>;
    return typeof api.tsImport === 'function' ? (api as TsxEsmApi) : 'too old';
  } catch (error) {
    if (isTsxMissing(error)) return undefined;
    if (isTooOld(error)) return 'too old';
    throw error;
  }
}

/**
 * Imports the TypeScript module at `url` (a `file:` URL), compiled on the fly
 * by tsx. `parentUrl` is the importing module's URL (`import.meta.url`).
 *
 * @throws MissingTypeScriptLoaderError when tsx is not installed (one line: what to install).
 */
export async function loadTypeScriptModule(url: string, parentUrl: string): Promise<Record<string, unknown>> {
  const api = await tsxApi();
  if (api === undefined || api === 'too old') throw new MissingTypeScriptLoaderError(url, api);
  return (await api.tsImport(url, parentUrl)) as Record<string, unknown>;
}
