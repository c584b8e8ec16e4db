/**
 * Typed helpers for Bacalhau's built-in engines. Each returns the exact wire
 * `{ Type, Params }` object; pass it to `.engine(…)`.
 *
 * @example
 * ```ts
 * import { Task, engine } from 'bacalhau-jobs';
 * Task.batch().name('main').engine(engine.docker('alpine:3.20', { entrypoint: ['echo', 'hi'] }));
 * ```
 *
 * @group Helpers
 * @module
 */
import { sdkPart } from '../../io/provenance.js';
import type { EngineConfig } from './role.js';

/**
 * Wire Params of the `docker` engine.
 *
 * @example
 * ```ts
 * import type { DockerParams } from 'bacalhau-jobs';
 * const params: DockerParams = { Image: 'alpine:3.20', Entrypoint: ['/bin/sh', '-c'] };
 * ```
 */
export type DockerParams = {
  /** The image to run (required). */
  readonly Image: string;
  /** Replaces the image's ENTRYPOINT. */
  readonly Entrypoint?: readonly string[];
  /** Arguments after the entrypoint (the container CMD). */
  readonly Parameters?: readonly string[];
  /** `NAME=value` items; they override the task's Env. */
  readonly EnvironmentVariables?: readonly string[];
  /** Absolute working directory in the container. */
  readonly WorkingDirectory?: string;
};

/**
 * A `docker` engine spec.
 *
 * @example
 * ```ts
 * import { engine, type DockerEngine } from 'bacalhau-jobs';
 * const spec: DockerEngine = engine.docker('alpine:3.20');
 * ```
 */
export type DockerEngine = EngineConfig<'docker', DockerParams>;

/**
 * Options of {@link docker}; each maps to the wire param of the same name.
 *
 * @example
 * ```ts
 * import type { DockerOptions } from 'bacalhau-jobs';
 * const options: DockerOptions = { parameters: ['-c', 'ls /inputs'], workingDirectory: '/work' };
 * ```
 */
export interface DockerOptions {
  /** Replaces the image's ENTRYPOINT (`Entrypoint`). */
  readonly entrypoint?: readonly string[] | undefined;
  /** Arguments after the entrypoint, the container CMD (`Parameters`). */
  readonly parameters?: readonly string[] | undefined;
  /**
   * Container environment, written as `NAME=value` items (`EnvironmentVariables`).
   * These override the task's `.env(…)`; names may not start with `BACALHAU_`.
   */
  readonly environmentVariables?: Readonly<Record<string, string>> | undefined;
  /** Absolute working directory inside the container (`WorkingDirectory`). */
  readonly workingDirectory?: string | undefined;
}

/**
 * A `docker` engine running `image`.
 *
 * @param image - the image to pull and run, e.g. `'ubuntu:24.04'` (required by Bacalhau).
 * @example
 * ```ts
 * import { engine } from 'bacalhau-jobs';
 *
 * engine.docker('busybox:1.37.0', { entrypoint: ['/bin/sh'], parameters: ['-c', 'echo hi'] });
 * // { Type: 'docker', Params: { Image: 'busybox:1.37.0', Entrypoint: ['/bin/sh'], Parameters: ['-c', 'echo hi'] } }
 * ```
 */
export function docker(image: string, options: DockerOptions = {}): DockerEngine {
  const params: { -readonly [K in keyof DockerParams]: DockerParams[K] } = { Image: image };
  // Empty lists mean "unset" to Bacalhau; canonical specs leave them out.
  if (options.entrypoint !== undefined && options.entrypoint.length > 0) params.Entrypoint = [...options.entrypoint];
  if (options.parameters !== undefined && options.parameters.length > 0) params.Parameters = [...options.parameters];
  const variables = Object.entries(options.environmentVariables ?? {});
  if (variables.length > 0) params.EnvironmentVariables = variables.map(([name, value]) => `${name}=${value}`);
  if (options.workingDirectory !== undefined) params.WorkingDirectory = options.workingDirectory;
  return sdkPart({ Type: 'docker', Params: params }, 'engine');
}

/**
 * Wire Params of the `wasm` engine (current format).
 *
 * @example
 * ```ts
 * import type { WasmParams } from 'bacalhau-jobs';
 * const params: WasmParams = { EntryModule: '/app/main.wasm', Entrypoint: '_start' };
 * ```
 */
export type WasmParams = {
  /** Path of the module in the task's file system (an input Target). */
  readonly EntryModule: string;
  /** Exported function to call (`_start` for WASI). */
  readonly Entrypoint: string;
  /** Program arguments. */
  readonly Parameters?: readonly string[];
  /** Paths of modules the entry module imports. */
  readonly ImportModules?: readonly string[];
};

/**
 * A `wasm` engine spec.
 *
 * @example
 * ```ts
 * import { engine, type WasmEngine } from 'bacalhau-jobs';
 * const spec: WasmEngine = engine.wasm('/app/main.wasm');
 * ```
 */
export type WasmEngine = EngineConfig<'wasm', WasmParams>;

/**
 * Options of {@link wasm}.
 *
 * @example
 * ```ts
 * import type { WasmOptions } from 'bacalhau-jobs';
 * const options: WasmOptions = { entrypoint: 'main', parameters: ['--verbose'] };
 * ```
 */
export interface WasmOptions {
  /** Exported function to call, with no parameters and no results. Default `'_start'` (WASI). */
  readonly entrypoint?: string | undefined;
  /** Program arguments, argv[1…] (`Parameters`). */
  readonly parameters?: readonly string[] | undefined;
  /** Paths (input Targets) of modules whose exports the entry module imports (`ImportModules`). */
  readonly importModules?: readonly string[] | undefined;
}

/**
 * A `wasm` engine running the module at `entryModule`, a path in the task's
 * file system: mount the module with `.input(…)` at that Target.
 *
 * @param entryModule - the module's path, e.g. `'/app/main.wasm'`.
 * @example
 * ```ts
 * import { Task, engine, source } from 'bacalhau-jobs';
 *
 * Task.batch()
 *   .name('wasm')
 *   .input(source.inline('data:application/wasm;base64,AGFzbQEAAAA='), { target: '/app/main.wasm' })
 *   .engine(engine.wasm('/app/main.wasm', { parameters: ['hello'] }));
 * ```
 */
export function wasm(entryModule: string, options: WasmOptions = {}): WasmEngine {
  const params: { -readonly [K in keyof WasmParams]: WasmParams[K] } = {
    EntryModule: entryModule,
    Entrypoint: options.entrypoint ?? '_start',
  };
  if (options.parameters !== undefined && options.parameters.length > 0) params.Parameters = [...options.parameters];
  if (options.importModules !== undefined && options.importModules.length > 0) params.ImportModules = [...options.importModules];
  return sdkPart({ Type: 'wasm', Params: params }, 'engine');
}
