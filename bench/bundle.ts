/**
 * Measurement 5: what the package costs a browser bundle. esbuild bundles an
 * entry that imports from dist/index.js (minified, tree-shaken, ESM, browser
 * platform); the metafile says which modules made it in.
 */
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

/** One bundle's size and the packages in it. */
export interface BundleSize {
  readonly rawBytes: number;
  readonly gzipBytes: number;
  /** Packages from node_modules in the bundle, e.g. `immer`, `yaml`. */
  readonly packages: readonly string[];
  /** How many of the package's own dist/ modules are in the bundle. */
  readonly ownModules: number;
}

export const ENTRIES = {
  taskJob: `export { Task, Job } from './dist/index.js';\n`,
  all: `export * from './dist/index.js';\n`,
  yamlFunctions: `export { toYAML, parseJob } from './dist/index.js';\n`,
} as const;

/** Bundles `contents` (an entry module in the package root) as a browser app would. */
export async function bundle(contents: string): Promise<BundleSize> {
  const result = await build({
    stdin: { contents, resolveDir: ROOT, sourcefile: 'bench-entry.js', loader: 'js' },
    absWorkingDir: ROOT,
    bundle: true,
    minify: true,
    treeShaking: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error('esbuild wrote nothing');
  const inputs = Object.entries(result.metafile.outputs)
    .flatMap(([, out]) => Object.entries(out.inputs))
    .filter(([, input]) => input.bytesInOutput > 0)
    .map(([path]) => path);
  const packages = new Set<string>();
  for (const path of inputs) {
    const match = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(path);
    if (match?.[1] !== undefined) packages.add(match[1]);
  }
  return {
    rawBytes: output.contents.byteLength,
    gzipBytes: gzipSync(output.contents).byteLength,
    packages: [...packages].sort(),
    ownModules: inputs.filter((path) => path.startsWith('dist/')).length,
  };
}
