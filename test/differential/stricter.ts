/**
 * "Where the SDK is stricter than Bacalhau": every rule by which the SDK may
 * refuse a spec that Bacalhau accepts, with the reason. A stricter case whose
 * rule is not here is a bug: relax the rule or add it, with its reason.
 */
import type { ProblemRule } from '../../src/index.js';

/** A group of SDK rules that refuse what Bacalhau accepts, and why. */
export interface StricterEntry {
  readonly rules: readonly ProblemRule[];
  readonly reason: string;
}

export const STRICTER: readonly StricterEntry[] = [
  {
    rules: ['unknown-key'],
    reason: "Bacalhau's decoder drops unknown keys without a word: a misspelt or misplaced key (`ResourcesConfig`, `outputs`, `Params.Path`) is data silently lost.",
  },
  {
    rules: ['duplicate-key', 'no-nul'],
    reason:
      'Two keys equal but for case: Bacalhau matches keys case-insensitively and keeps one of them silently, so a problem in the other (a NUL in a name, which Bacalhau refuses on its own) goes unseen.',
  },
  {
    rules: ['required', 'not-blank', 'url', 'regex', 'range', 'one-of', 'wasm-entry-module', 'absolute-path', 'type'],
    reason:
      'Params of the built-in engines, publishers and sources that only a compute node reads (Image, EntryModule and Entrypoint, Bucket and Key, URLs, SourcePath, partitions, RE2 regexes, their types): Bacalhau stores the job, which then fails to run.',
  },
  {
    rules: ['unique'],
    reason: "A WASM result path named like an input's Target: the executor mounts both at one path and the run fails (the other duplicates Bacalhau refuses as well).",
  },
  {
    rules: ['env-name', 'env-value', 'env-reserved'],
    reason: 'Environment variables a compute node rejects or overrides (Docker items without `=`, names Bacalhau reserves).',
  },
  {
    rules: ['reserved-meta'],
    reason: 'Meta keys under `bacalhau.org/` are removed by the server: the value is silently lost.',
  },
  {
    rules: ['single-task'],
    reason: 'Bacalhau keeps only the first task of a job; the others are silently dropped.',
  },
  {
    rules: ['result-only-type'],
    reason: 'A result-only type (`s3PreSigned`, `s3managed`) used as an input: no compute node has an input provider for it, so the job cannot run.',
  },
  {
    rules: ['operator', 'constraint-values', 'label'],
    reason: 'Constraints the node selector cannot parse or that can match no node: the job is stored and never scheduled.',
  },
  {
    rules: ['cpu', 'bytes', 'gpu', 'cpu-suffix', 'duration', 'integer', 'non-negative'],
    reason:
      "Quantities and durations Bacalhau parses loosely or only on a compute node (inf, nan, hex floats, fractions of a second or a byte), and whole numbers written `1.0` or `1e3`, which the CLI reads but the REST API's decoder refuses.",
  },
  {
    rules: ['domain', 'network-domains', 'network-ports', 'port-range', 'port-name', 'port-target', 'ip-address', 'network-type'],
    reason: 'Network settings a compute node rejects or ignores.',
  },
  {
    rules: ['json-value', 'too-large', 'syntax', 'template'],
    reason: "YAML that is not JSON (NaN, .inf, binary), input past the SDK's size limits, and text the SDK will not guess about.",
  },
];

const BY_RULE = new Map<ProblemRule, string>(STRICTER.flatMap((entry) => entry.rules.map((rule): [ProblemRule, string] => [rule, entry.reason])));

/** The documented reason the SDK refuses by `rule` where Bacalhau accepts, if there is one. */
export function stricterReason(rule: ProblemRule): string | undefined {
  return BY_RULE.get(rule);
}
