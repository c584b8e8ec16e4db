/**
 * The catalogue of rules a {@link Problem} can break: one entry per rule, with
 * a one-line summary. `ProblemRule` is its key set, so a rule cannot exist
 * without a summary, and the rules guide (docs/rules.md) lists every key with
 * a wrong and a right example (a test checks both against the SDK).
 *
 * @module
 */
import type { Problem } from './errors.js';

/** The catalogue itself; its keys are the rules. */
const CATALOGUE = {
  required: { summary: 'A field Bacalhau needs is missing (a task Name, an Engine, a docker Image, …).' },
  type: { summary: 'A value has the wrong JSON type: a string where Bacalhau wants a number, a map where it wants a list, ….' },
  'not-blank': { summary: 'A string that must say something is empty or only spaces.' },
  'no-nul': { summary: 'A string contains a NUL character, which Bacalhau refuses.' },
  'json-value': { summary: 'A value JSON cannot carry: undefined, NaN or Infinity, a function, a cycle, YAML binary data.' },
  'unknown-key': { summary: 'A key Bacalhau does not know and would silently ignore (the message suggests the key meant).' },
  'duplicate-key': { summary: 'Two keys that differ only in case name the same field.' },
  unique: { summary: 'Two entries that must differ share a value: input targets or aliases, result names or paths, port names or numbers.' },
  'absolute-path': { summary: 'A path that must be absolute is relative: result paths, working directories, local sources.' },
  'env-name': { summary: 'An environment variable name Bacalhau refuses.' },
  'env-reserved': { summary: "An environment variable under Bacalhau's reserved BACALHAU_ prefix." },
  'env-value': { summary: 'An environment variable with an empty value.' },
  cpu: { summary: 'A CPU quantity Bacalhau cannot read (cores such as 0.5, or millicores such as 500m).' },
  bytes: { summary: 'A memory or disk size Bacalhau cannot read (such as 512Mb or 1GiB).' },
  gpu: { summary: 'A GPU count that is not a whole number.' },
  integer: { summary: 'A number that must be whole is not, or is written 1.0 or 1e3, which the REST API refuses for an integer.' },
  'non-negative': { summary: 'A count, priority or timeout below zero.' },
  duration: { summary: "A duration given to the builder that is not whole seconds in Go's syntax (90, '90s', '1h30m')." },
  'timeouts-total': { summary: 'The execution and queue timeouts add up to more than the total timeout.' },
  'network-type': { summary: 'A network type Bacalhau does not know.' },
  'network-domains': { summary: 'Domains on a network that is not HTTP, where Bacalhau ignores them.' },
  domain: { summary: 'A domain that is not a host name Bacalhau can allow.' },
  'network-ports': { summary: 'Ports on a network that is neither Host nor Bridge.' },
  'port-name': { summary: 'A port name Bacalhau refuses.' },
  'port-range': { summary: 'A port number outside the range Bacalhau allows.' },
  'port-target': { summary: 'A Target port in Host mode, where the task listens on the host port itself.' },
  'ip-address': { summary: 'A HostNetwork that is not an IP address.' },
  'one-of': { summary: 'A value other than the few Bacalhau allows there (an S3 encoding, a partition type, a CreateAs mode).' },
  url: { summary: 'A URL Bacalhau cannot use there: the wrong scheme, no path, or not a data: URL for an inline source.' },
  regex: { summary: 'A regular expression Go cannot compile.' },
  range: { summary: 'A range whose ends are negative or out of order.' },
  'wasm-entry-module': { summary: 'A WASM module path that no input source mounts.' },
  'result-only-type': { summary: 'A type that describes published results (s3PreSigned) used as an input.' },
  'job-type': { summary: 'Something that does not fit the job type: an unknown type, results on a service, a task of another type, ….' },
  'publisher-required': { summary: 'Result paths without a publisher, which a default Bacalhau node refuses.' },
  deprecated: { summary: 'A deprecated name (Full, localDirectory, legacy WASM modules): a warning, still accepted.' },
  'test-only-type': { summary: 'A type Bacalhau registers only in its tests (the noop engine and source).' },
  'custom-type': { summary: 'Not a built-in type: a warning, since only nodes with a plugin for it can run the task.' },
  'helper-role': { summary: "A typed helper's result passed in another role, such as a publisher helper given to .engine() (from JavaScript)." },
  'cpu-suffix': { summary: 'A CPU suffix such as M or k that Bacalhau reads as a multiplier of cores, not as milli.' },
  'server-set': { summary: 'A key only the server sets (ID, State, Version, …), which `bacalhau job run` refuses.' },
  'reserved-meta': { summary: 'A Meta key under bacalhau.org/, which Bacalhau drops.' },
  'single-task': { summary: 'More than one task: Bacalhau runs one task per job.' },
  count: { summary: 'A Count the job type does not allow: negative, or set on an ops or daemon job.' },
  operator: { summary: 'A constraint operator Bacalhau does not know (operators are lowercase).' },
  'constraint-values': { summary: "Constraint values that do not fit the operator: none for in, some for exists, two for '=', …." },
  label: { summary: 'A label, or a constraint key or value, that is not a valid Kubernetes label.' },
  syntax: { summary: 'Text that is not valid YAML or JSON.' },
  template: { summary: 'A {{ placeholder that `bacalhau job run` would evaluate as a Go template (a warning).' },
  'too-large': { summary: 'Input past a limit: its length, its nesting or its YAML aliases.' },
} as const satisfies Readonly<Record<string, RuleInfo>>;

/**
 * Every rule, with what breaking it means. Warnings (`deprecated`,
 * `custom-type`, `template`, …) are rules too: a problem's `rule` and a
 * warning's `rule` come from the same catalogue.
 *
 * @example
 * ```ts
 * import { PROBLEM_RULES, Task, engine } from 'bacalhau-jobs';
 *
 * const report = Task.batch().engine(engine.docker('alpine')).validate();
 * const explained = report.problems.map((p) => `${p.path}: ${PROBLEM_RULES[p.rule].summary}`);
 * // ['Name: A field Bacalhau needs is missing …']
 * ```
 *
 * @group Validation
 */
export const PROBLEM_RULES: { readonly [Rule in ProblemRule]: RuleInfo } = Object.freeze(CATALOGUE);

/**
 * What the catalogue says of one rule.
 *
 * @example
 * ```ts
 * import { PROBLEM_RULES, type RuleInfo } from 'bacalhau-jobs';
 * const info: RuleInfo = PROBLEM_RULES['unknown-key'];
 * ```
 *
 * @group Validation
 */
export interface RuleInfo {
  /** One sentence: what breaking the rule means, in the words of the wire spec. */
  readonly summary: string;
}

/**
 * Machine-readable identifier of the rule a {@link Problem} breaks: a key of
 * {@link PROBLEM_RULES}.
 *
 * Stable across releases: switch on it in UIs instead of matching message text.
 *
 * @example
 * ```ts
 * import { Task, engine, type ProblemRule } from 'bacalhau-jobs';
 *
 * const report = Task.batch().engine(engine.docker('alpine')).validate();
 * const rules: ProblemRule[] = report.problems.map((p) => p.rule);
 * // rules: ['required']  (the task has no Name)
 * ```
 *
 * @group Validation
 */
export type ProblemRule = keyof typeof CATALOGUE;
