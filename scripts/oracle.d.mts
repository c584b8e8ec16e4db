/**
 * Types for `scripts/oracle.mjs`: Bacalhau v1.9.3's own verdict on job specs, from a Go program
 * (`test/differential/oracle`) that links the Bacalhau module.
 */

/** Folder of the oracle's Go module (`test/differential/oracle`). */
export declare const ORACLE_SOURCE_DIR: string;

/** `<cacheDir()>/oracle-v1.9.3`, i.e. `${XDG_CACHE_HOME:-$HOME/.cache}/bacalhau-jobs/oracle-v1.9.3`. */
export declare function oraclePath(): string;

export interface OracleLogOption {
  /** Progress messages (default: `console.error`). */
  log?: ((message: string) => void) | undefined;
}

/**
 * Returns `oraclePath()`, building it with `GOWORK=off go build` first when it is missing or
 * older than the module's `main.go`, `go.mod` or `go.sum`.
 */
export declare function ensureOracle(options?: OracleLogOption): Promise<string>;

/** One spec to judge. */
export interface OracleSpec {
  /** Echoed back in the verdict. */
  readonly id: string;
  /** The spec file's content (YAML or JSON): the CLI stage's input, and the REST body's `Job` unless `body` is given. */
  readonly text: string;
  /**
   * The exact REST body for the server stage (e.g. a `{"Job": …}` envelope as is). Default:
   * `{"Job": text}` when `text` is valid JSON, else `{"Job": YAMLToJSON(text)}` (sigs.k8s.io/yaml
   * v1.6.0, the converter the CLI uses).
   */
  readonly body?: string | undefined;
  /** Return the REST body used in `server.body`. */
  readonly echoBody?: boolean | undefined;
}

/** Stage 1: what `bacalhau job validate FILE` says (exit status 0 ⇔ `ok`). */
export interface OracleCliVerdict {
  readonly ok: boolean;
  /** The error the CLI prints (`''` when ok); `panic: …` where the CLI would crash. */
  readonly error: string;
}

/**
 * Where the server stage stopped:
 * - `'convert'`: the text could not be converted to JSON, so no request can be made (status 0);
 * - `'bind'`: body limit or JSON binding of `PutJobRequest` (4xx);
 * - `'submit'`: `PutJobRequest.Validate` = `Job.ValidateSubmission` (400);
 * - `'transform'`: `Normalize`, `SanitizeSubmission` and the orchestrator's job transformers;
 * - `'store'`: the job store (`CreateJob`'s `Job.Validate`, bolt buckets, …);
 * - `''`: accepted (200).
 */
export type OracleStage = 'convert' | 'bind' | 'submit' | 'transform' | 'store' | '';

/** Stage 2: what `PUT /api/v1/orchestrator/jobs` answers on a fresh default orchestrator. */
export interface OracleServerVerdict {
  /** A 2xx answer. */
  readonly ok: boolean;
  /** HTTP status (0 for stage `'convert'`). */
  readonly status: number;
  readonly stage: OracleStage;
  /** The `Message` of the server's JSON error, exactly (`''` when ok); for a 500 `Internal server error`. */
  readonly error: string;
  /** The underlying Go error (or `panic: …`), which a 500 hides. */
  readonly detail: string;
  /** `Warnings` of the 200 answer (`[]` otherwise). */
  readonly warnings: readonly string[];
  /** The REST body used, with `echoBody`. */
  readonly body?: string | undefined;
}

export interface OracleVerdict {
  readonly id: string;
  readonly cli: OracleCliVerdict;
  readonly server: OracleServerVerdict;
  /** Only for an input line the oracle could not read (never with `runOracle`). */
  readonly error?: string | undefined;
}

export interface RunOracleOptions extends OracleLogOption {
  /** Use this binary instead of `ensureOracle()`. */
  binary?: string | undefined;
}

/**
 * Judges all specs with one oracle process, streaming them in and the verdicts out. Resolves with
 * one verdict per spec, in order. Thousands of specs take seconds.
 */
export declare function runOracle(specs: readonly OracleSpec[], options?: RunOracleOptions): Promise<OracleVerdict[]>;
