/**
 * Types for `scripts/bacalhau.mjs`: real Bacalhau v1.9.3 nodes on loopback for end-to-end tests.
 */
import type { ChildProcess } from 'node:child_process';

/** Bacalhau release the helpers build and run: `'v1.9.3'`. */
export declare const BACALHAU_VERSION: string;
/** `'github.com/bacalhau-project/bacalhau'`. */
export declare const BACALHAU_MODULE: string;
/** Absolute path of `test/e2e/wasm` (one `<name>/main.go` per WASI module). */
export declare const WASM_SOURCE_DIR: string;

/** `${XDG_CACHE_HOME:-$HOME/.cache}/bacalhau-jobs`. */
export declare function cacheDir(): string;
/** `$BACALHAU_BIN`, or `<cacheDir()>/bacalhau-v1.9.3`. */
export declare function binaryPath(): string;
/** `<cacheDir()>/wasm`: where `buildWasmModules()` writes `<name>.wasm`. */
export declare function wasmDir(): string;

export interface LogOption {
  /** Progress messages (default: `console.error`). */
  log?: ((message: string) => void) | undefined;
}

/** Returns `binaryPath()`, building Bacalhau from the Go module source first if it is missing. */
export declare function ensureBinary(options?: LogOption): Promise<string>;

/**
 * Builds `test/e2e/wasm/<name>/main.go` with `GOOS=wasip1 GOARCH=wasm` into `wasmDir()`,
 * skipping up-to-date modules. Resolves with module name → absolute `.wasm` path
 * (`hello`, `fail`, `sleep`, `cat`).
 */
export declare function buildWasmModules(options?: LogOption): Promise<Record<string, string>>;

/** A TCP port free on 127.0.0.1 (never the same one twice within a process). */
export declare function freePort(): Promise<number>;

/** Whether an address as printed by `ss` (`127.0.0.1:80`, `[::1]:80`, `*:80`, …) is loopback. */
export declare function isLoopbackAddress(address: string): boolean;

/** One line of `ss -tnp` / `ss -tlnp` output. */
export interface SocketInfo {
  /** `ESTAB`, `LISTEN`, `TIME-WAIT`, … */
  readonly state: string;
  /** Local address and port, e.g. `127.0.0.1:4222`, `[::1]:4222`, `*:6001`. */
  readonly local: string;
  /** Peer address and port (`*:*` or `0.0.0.0:*` for listeners). */
  readonly peer: string;
  /** The raw `ss` line. */
  readonly line: string;
}

/** TCP connections of `pid` whose local or peer address is not loopback; `[]` when clean. */
export declare function nonLoopbackConnections(pid: number): SocketInfo[];
/**
 * Listening sockets of `pid` bound to a non-loopback or wildcard address. A compute node always
 * has one: Bacalhau's local publisher server binds `0.0.0.0:<publisherPort>` (hard-coded).
 */
export declare function nonLoopbackListeners(pid: number): SocketInfo[];

/** A value for `bacalhau serve -c Key=Value`; arrays are joined with commas. */
export type ConfigValue = string | number | boolean | readonly string[];

export interface StartNodeOptions {
  /** Run the orchestrator (requester) role. Default `true`. */
  orchestrator?: boolean | undefined;
  /** Run the compute role (wasm engine). Default `true`. */
  compute?: boolean | undefined;
  /** For compute-only nodes: the orchestrator's NATS URL, `nats://127.0.0.1:<natsPort>`. */
  orchestratorUrl?: string | undefined;
  /** Node labels (`Labels` config), usable in job constraints. */
  labels?: Record<string, string> | undefined;
  /**
   * Require this API key (20–255 chars) on the REST API: configures one `API.Auth.Users` entry
   * `{Alias: 'e2e', APIKey, Capabilities: [{Actions: ['*']}]}`. Clients then send
   * `Authorization: Bearer <apiKey>` (see `BacalhauNode.headers`). `/api/v1/agent/alive`,
   * `/agent/version` and `/agent/authconfig` stay open.
   */
  apiKey?: string | undefined;
  /** Node name (`--name`). Default: Bacalhau's `n-<uuid>`, persisted in the data dir. */
  name?: string | undefined;
  /** Data dir to use (e.g. an earlier node's, to restart on the same state). Default: a fresh temp dir. */
  dataDir?: string | undefined;
  /** Extra environment variables for the node (`undefined` removes one). */
  env?: Record<string, string | undefined> | undefined;
  /** Where the node's stdout+stderr go. Default: `node.log` in the node's temp work dir. */
  logFile?: string | undefined;
  /** Extra `-c Key=Value` settings, applied last (e.g. `{'Orchestrator.Scheduler.QueueBackoff': '1s'}`). */
  config?: Record<string, ConfigValue> | undefined;
  /**
   * `Compute.AllowListedLocalPaths` (doublestar globs, optional `:rw` suffix).
   * Default `[`${wasmDir()}/**`]`, so jobs can use the test modules as `local` input sources.
   */
  allowListedLocalPaths?: readonly string[] | undefined;
  /** Readiness timeout in ms. Default 60 000. */
  timeoutMs?: number | undefined;
  /** Fixed ports (default: free ports picked on 127.0.0.1). */
  apiPort?: number | undefined;
  natsPort?: number | undefined;
  publisherPort?: number | undefined;
}

export interface BacalhauNode {
  /** `http://127.0.0.1:<apiPort>`. */
  readonly url: string;
  readonly apiPort: number;
  /** NATS port the orchestrator listens on (for a compute-only node: the port it dials). */
  readonly natsPort: number;
  /** Local publisher port; results are at `http://127.0.0.1:<publisherPort>/<executionID>.tar.gz`. */
  readonly publisherPort: number;
  readonly dataDir: string;
  readonly logFile: string;
  /** The node's ID (`GET /api/v1/agent/node` → `NodeID`), e.g. `n-2b1c…`. */
  readonly nodeId: string;
  readonly apiKey: string | undefined;
  /** `{ Authorization: 'Bearer <apiKey>' }` when `apiKey` is set, else `{}`. */
  readonly headers: Readonly<Record<string, string>>;
  readonly orchestrator: boolean;
  readonly compute: boolean;
  readonly labels: Readonly<Record<string, string>>;
  readonly pid: number;
  readonly process: ChildProcess;
  /** Milliseconds from spawn to ready. */
  readonly readyMs: number;
  /** Resolves when the process has exited. */
  readonly exited: Promise<void>;
  isRunning(): boolean;
  /** Last `lines` (default 60) lines of the node's log. */
  logTail(lines?: number): string;
  /** SIGTERM, then SIGKILL after a 5 s grace period. Keeps the data dir. */
  stop(): Promise<void>;
  /** SIGKILL (a crash). Keeps the data dir. */
  kill(): Promise<void>;
  /** Stops the process if it still runs, then starts a new one with the same ports, data dir and options. */
  restart(): Promise<BacalhauNode>;
  /** `stop()`, then removes the data dir and the temp work dir (log, config file). */
  cleanup(): Promise<void>;
}

export interface StartClusterOptions {
  /** Number of compute-only nodes. Default 3. */
  computeNodes?: number | undefined;
  /** Labels per compute node (index i → compute node i). */
  labels?: ReadonlyArray<Record<string, string> | undefined> | undefined;
  /** API key required on every node's REST API. */
  apiKey?: string | undefined;
  env?: Record<string, string | undefined> | undefined;
  /** Extra `-c` settings for the orchestrator / for every compute node. */
  orchestratorConfig?: Record<string, ConfigValue> | undefined;
  computeConfig?: Record<string, ConfigValue> | undefined;
  allowListedLocalPaths?: readonly string[] | undefined;
  /** Timeout for each node's readiness and for all compute nodes to join. Default 60 000. */
  timeoutMs?: number | undefined;
}

export interface BacalhauCluster {
  /** Orchestrator-only node. */
  readonly orchestrator: BacalhauNode;
  /** Compute-only nodes, in the order of `labels`. */
  readonly computes: readonly BacalhauNode[];
  /** The orchestrator's API URL. */
  readonly url: string;
  /** Auth header for the orchestrator (`{}` without apiKey). */
  readonly headers: Readonly<Record<string, string>>;
  /** Stops every node and removes all their data dirs. */
  stop(): Promise<void>;
}

/** Starts one `bacalhau serve` on loopback and waits until it is ready (and, if hybrid, joined to itself). */
export declare function startNode(options?: StartNodeOptions): Promise<BacalhauNode>;
/** One orchestrator-only node and N compute-only nodes joined over NATS on 127.0.0.1. */
export declare function startCluster(options?: StartClusterOptions): Promise<BacalhauCluster>;

/**
 * `data:<mediaType>;base64,…` of a file, for `inline` input sources. Bacalhau sends the job over
 * NATS (1 MiB message limit), so keep inline payloads well under ~700 KB raw.
 */
export declare function dataUrl(file: string, mediaType?: string): string;

/**
 * Takes an exclusive lock file holding this process's pid, taking over one whose holder is dead.
 * Resolves with a release function, or `null` when `doneEarly()` became true while waiting.
 */
export declare function acquireLock(lockFile: string, doneEarly?: () => boolean, timeoutMs?: number): Promise<(() => void) | null>;

/** A unique temporary name beside `file`, for a build that is renamed into place. */
export declare function tempNameFor(file: string): string;

/** Whether the module at `moduleUrl` is the script Node was started with (not an import). */
export declare function isMainModule(moduleUrl: string): boolean;
