/**
 * The wire format, written down once: every wire object's fields in canonical
 * order (key, JSON kind, whether required), the Params of every built-in
 * engine, publisher and source type, and the value sets Bacalhau enumerates.
 *
 * Everything else derives from these tables: the validators compile their
 * readers from them (validation/fields.ts), the canonical form, `toYAML` and
 * the builders take their keys and order from {@link WIRE_KEYS}, the JSON
 * Schema is generated from them, and the wire types are held to their keys by
 * test/schema/wire-keys.test.ts. One-line docs live beside them in field-docs.ts,
 * typed by the same keys, so a bundle that only validates does not carry them.
 *
 * What Bacalhau reads as unset is the same for every field, so it is said once
 * here instead of per field: an absent key, `null` (Go's decoders leave the
 * field alone) and, in the SDK, `undefined`; the Go zero value (`''`, `0`,
 * `false`, an empty list or map) is "not given" wherever Bacalhau applies a
 * default, which the field docs name.
 *
 * @module
 */
import type { ProblemRule } from '../core/rules.js';

/** The JSON type a field must have. `any` accepts every JSON value. */
export type FieldKind = 'string' | 'boolean' | 'integer' | 'number' | 'object' | 'array' | 'string[]' | 'any';

/**
 * The rules that may judge any field, so no field lists them: its JSON kind
 * (`type`, and `integer` for a fraction in an integer field), `required`, keys
 * (`unknown-key`, `duplicate-key`), and what reading a value finds
 * (`json-value`, `too-large`, `template`, `syntax`).
 */
export const RULES_OF_EVERY_FIELD = Object.freeze([
  'type',
  'integer',
  'required',
  'unknown-key',
  'duplicate-key',
  'json-value',
  'too-large',
  'template',
  'syntax',
] as const satisfies readonly ProblemRule[]);

/** How one field of a wire object is read. */
export interface FieldRule {
  readonly kind: FieldKind;
  /** Absent (or `null`) is a `required` problem. */
  readonly required?: boolean;
  /**
   * What the field holds (for a list, each item): another wire object of
   * {@link WIRE_FIELDS}, a role's `{ Type, Params }`, or a map of strings.
   */
  readonly holds?: string;
  /** The rules that judge this field's value, besides {@link RULES_OF_EVERY_FIELD} (see the rules guide). */
  readonly rules?: readonly ProblemRule[];
}

/** The fields of one wire object, by canonical (PascalCase) key, in canonical order. */
export type FieldRules = Readonly<Record<string, FieldRule>>;

/**
 * What a `{ Type, Params }` object is for: the task's engine, its publisher, or an input source.
 *
 * @example
 * ```ts
 * import type { SpecRole } from 'bacalhau-jobs';
 * const role: SpecRole = 'publisher';
 * ```
 *
 * @group Spec types
 */
export type SpecRole = 'engine' | 'publisher' | 'source';

const SPEC_CONFIG = { Type: { kind: 'string', required: true }, Params: { kind: 'object' } } as const satisfies FieldRules;

const STRING_MAP = 'stringMap';

/** Every wire object the SDK reads and writes, by name. */
export const WIRE_FIELDS = Object.freeze({
  job: {
    Name: { kind: 'string', rules: ['not-blank', 'no-nul'] },
    Namespace: { kind: 'string', rules: ['not-blank'] },
    Type: { kind: 'string', required: true, rules: ['job-type', 'not-blank'] },
    Priority: { kind: 'integer' },
    Count: { kind: 'integer', rules: ['count'] },
    Constraints: { kind: 'array', holds: 'constraint' },
    Meta: { kind: 'object', holds: STRING_MAP, rules: ['reserved-meta'] },
    Labels: { kind: 'object', holds: STRING_MAP, rules: ['label'] },
    Tasks: { kind: 'array', holds: 'task', rules: ['single-task'] },
  },
  task: {
    Name: { kind: 'string', required: true, rules: ['not-blank', 'no-nul'] },
    Engine: { kind: 'any', holds: 'engine', rules: ['helper-role'] },
    Publisher: { kind: 'any', holds: 'publisher', rules: ['publisher-required', 'job-type', 'helper-role'] },
    Env: { kind: 'object', holds: STRING_MAP, rules: ['env-name', 'env-reserved', 'env-value'] },
    Meta: { kind: 'object', holds: STRING_MAP },
    InputSources: { kind: 'array', holds: 'inputSource' },
    ResultPaths: { kind: 'array', holds: 'resultPath' },
    Resources: { kind: 'object', holds: 'resources' },
    Network: { kind: 'object', holds: 'network' },
    Timeouts: { kind: 'object', holds: 'timeouts' },
  },
  /** An engine, a publisher or an input source's `Source`; {@link SPEC_FIELDS} has each role's (a publisher's Type may be left out). */
  specConfig: SPEC_CONFIG,
  inputSource: {
    Source: { kind: 'any', holds: 'source', rules: ['job-type', 'helper-role'] },
    Alias: { kind: 'string', rules: ['unique'] },
    Target: { kind: 'string', rules: ['not-blank', 'unique'] },
  },
  resultPath: {
    Name: { kind: 'string', required: true, rules: ['not-blank', 'unique'] },
    Path: { kind: 'string', required: true, rules: ['not-blank', 'absolute-path', 'unique'] },
  },
  /** Quantities are strings; `''` is unset. */
  resources: {
    CPU: { kind: 'string', rules: ['cpu', 'cpu-suffix'] },
    Memory: { kind: 'string', rules: ['bytes'] },
    Disk: { kind: 'string', rules: ['bytes'] },
    GPU: { kind: 'string', rules: ['gpu'] },
  },
  network: {
    Type: { kind: 'string', rules: ['network-type', 'deprecated'] },
    Domains: { kind: 'string[]', rules: ['network-domains', 'domain'] },
    Ports: { kind: 'array', holds: 'port', rules: ['network-ports'] },
  },
  port: {
    Name: { kind: 'string', required: true, rules: ['port-name', 'unique'] },
    Static: { kind: 'integer', rules: ['port-range', 'unique'] },
    Target: { kind: 'integer', rules: ['port-range', 'port-target', 'unique'] },
    HostNetwork: { kind: 'string', rules: ['ip-address'] },
  },
  /** Whole seconds; 0 is unset. The builder also takes duration strings. */
  timeouts: {
    ExecutionTimeout: { kind: 'integer', rules: ['non-negative', 'job-type', 'duration'] },
    QueueTimeout: { kind: 'integer', rules: ['non-negative', 'duration'] },
    TotalTimeout: { kind: 'integer', rules: ['non-negative', 'timeouts-total', 'job-type', 'duration'] },
  },
  constraint: {
    Key: { kind: 'string', required: true, rules: ['not-blank', 'label'] },
    Operator: { kind: 'string', required: true, rules: ['operator'] },
    Values: { kind: 'string[]', rules: ['constraint-values', 'label'] },
  },
  /** An s3 source's `Params.Partition`. */
  partition: {
    Type: { kind: 'string', rules: ['one-of'] },
    Pattern: { kind: 'string', rules: ['regex'] },
    StartIndex: { kind: 'integer', rules: ['range'] },
    EndIndex: { kind: 'integer', rules: ['range'] },
    DateFormat: { kind: 'string' },
  },
} as const satisfies Readonly<Record<string, FieldRules>>);

/** The wire objects the SDK reads and writes, by name. */
export type WireObject = keyof typeof WIRE_FIELDS;

/** The keys of wire object `O`, as a union. */
export type WireKey<O extends WireObject> = keyof (typeof WIRE_FIELDS)[O] & string;

/** The keys of every wire object, in canonical order: what the canonical form, `toYAML` and the builders write. */
export const WIRE_KEYS: { readonly [O in WireObject]: readonly WireKey<O>[] } = Object.freeze(
  Object.fromEntries(Object.entries(WIRE_FIELDS).map(([name, fields]) => [name, Object.freeze(Object.keys(fields))])),
) as { readonly [O in WireObject]: readonly WireKey<O>[] };

/** What a field of wire object `O` holds, for every field that says. */
type HeldBy<O extends WireObject> = O extends WireObject
  ? { [K in WireKey<O>]: (typeof WIRE_FIELDS)[O][K] extends { readonly holds: infer Held } ? Held : never }[WireKey<O>]
  : never;

/** `Check`, which must be `true`: a type that does not compile when a check fails. */
type Holds<Check extends true> = Check;

/** A `holds` that names no wire object, role or string map does not compile. */
export type HoldsAreKnown = Holds<[HeldBy<WireObject>] extends [WireObject | SpecRole | typeof STRING_MAP] ? true : false>;

/** The fields of an engine, a publisher and an input source's `Source`: only a publisher may leave out its Type. */
export const SPEC_FIELDS: { readonly [R in SpecRole]: { readonly [K in WireKey<'specConfig'>]: FieldRule } } = Object.freeze({
  engine: { Type: { ...SPEC_CONFIG.Type, rules: ['not-blank', 'custom-type', 'test-only-type'] }, Params: SPEC_CONFIG.Params },
  publisher: { Type: { kind: 'string', rules: ['not-blank', 'custom-type'] }, Params: SPEC_CONFIG.Params },
  source: { Type: { ...SPEC_CONFIG.Type, rules: ['not-blank', 'custom-type', 'deprecated', 'test-only-type', 'result-only-type'] }, Params: SPEC_CONFIG.Params },
});

/**
 * A built-in engine, publisher or source type. `status`: `deprecated` still
 * works and `replacement` is preferred; `test-only` runs only on devstack
 * nodes; `result-only` appears in published results, never in a job.
 */
export interface BuiltInTypeDescription {
  /** Canonical spelling (Bacalhau matches types in any case). */
  readonly name: string;
  /** Known Params; an empty table means the type takes none. */
  readonly params: FieldRules;
  readonly status?: 'deprecated' | 'test-only' | 'result-only';
  readonly replacement?: string;
}

const NO_PARAMS: FieldRules = Object.freeze({});
const LOCAL_PARAMS = {
  SourcePath: { kind: 'string', required: true, rules: ['absolute-path'] },
  ReadWrite: { kind: 'boolean' },
  CreateAs: { kind: 'string', rules: ['one-of'] },
} as const satisfies FieldRules;

/** The built-in types of each role, in the order the docs and the JSON Schema list them. */
export const BUILT_IN_TYPES = Object.freeze({
  engine: [
    {
      name: 'docker',
      params: {
        Image: { kind: 'string', required: true, rules: ['not-blank'] },
        Entrypoint: { kind: 'string[]' },
        Parameters: { kind: 'string[]' },
        EnvironmentVariables: { kind: 'string[]', rules: ['env-name', 'env-reserved'] },
        WorkingDirectory: { kind: 'string', rules: ['absolute-path'] },
      },
    },
    {
      name: 'wasm',
      params: {
        // A path (current format) or an input source (legacy format): the validator tells them apart.
        EntryModule: { kind: 'any', required: true, rules: ['not-blank', 'wasm-entry-module', 'deprecated'] },
        Entrypoint: { kind: 'string', rules: ['not-blank'] },
        Parameters: { kind: 'string[]' },
        ImportModules: { kind: 'array' },
        // Only in the legacy format, which Bacalhau still converts.
        EnvironmentVariables: { kind: 'any' },
      },
    },
    { name: 'noop', params: NO_PARAMS, status: 'test-only' },
  ],
  publisher: [
    { name: 'noop', params: NO_PARAMS },
    { name: 'local', params: NO_PARAMS },
    { name: 'ipfs', params: NO_PARAMS },
    { name: 's3managed', params: NO_PARAMS },
    {
      name: 's3',
      params: {
        Bucket: { kind: 'string', required: true, rules: ['not-blank'] },
        Key: { kind: 'string', required: true, rules: ['not-blank'] },
        Endpoint: { kind: 'string' },
        Region: { kind: 'string' },
        Encoding: { kind: 'string', rules: ['one-of'] },
      },
    },
  ],
  source: [
    { name: 'urlDownload', params: { URL: { kind: 'string', required: true, rules: ['url'] } } },
    { name: 'inline', params: { URL: { kind: 'string', required: true, rules: ['not-blank', 'url'] } } },
    { name: 'ipfs', params: { CID: { kind: 'string', required: true, rules: ['not-blank'] } } },
    {
      name: 's3',
      params: {
        Bucket: { kind: 'string', required: true, rules: ['not-blank'] },
        Key: { kind: 'string' },
        Filter: { kind: 'string', rules: ['regex'] },
        Region: { kind: 'string' },
        Endpoint: { kind: 'string' },
        VersionID: { kind: 'string' },
        ChecksumSHA256: { kind: 'string' },
        Partition: { kind: 'object', holds: 'partition' },
      },
    },
    { name: 'local', params: LOCAL_PARAMS },
    { name: 'localDirectory', params: LOCAL_PARAMS, status: 'deprecated', replacement: 'local' },
    { name: 'noop', params: NO_PARAMS, status: 'test-only' },
    { name: 's3PreSigned', params: NO_PARAMS, status: 'result-only' },
    { name: 's3managed', params: NO_PARAMS, status: 'result-only' },
  ],
} as const satisfies { readonly [R in SpecRole]: readonly BuiltInTypeDescription[] });

/** The canonical names of the built-in types of `R`. */
export type BuiltInTypeName<R extends SpecRole> = (typeof BUILT_IN_TYPES)[R][number]['name'];

/** The Params keys of built-in type `Name` of role `R` (what the typed helpers' Params types are held to). */
export type BuiltInParamsKey<R extends SpecRole, Name extends BuiltInTypeName<R>> = keyof Extract<(typeof BUILT_IN_TYPES)[R][number], { readonly name: Name }>['params'] &
  string;

const BUILT_IN_BY_LOWER_CASE: { readonly [R in SpecRole]: ReadonlyMap<string, BuiltInTypeDescription> } = {
  engine: new Map(BUILT_IN_TYPES.engine.map((type) => [type.name.toLowerCase(), type])),
  publisher: new Map(BUILT_IN_TYPES.publisher.map((type) => [type.name.toLowerCase(), type])),
  source: new Map(BUILT_IN_TYPES.source.map((type) => [type.name.toLowerCase(), type])),
};

/** The built-in type of `role` that `type` names, matched as Bacalhau does (trimmed, any case); `undefined` for custom types. */
export function builtInTypeNamed(role: SpecRole, type: string): BuiltInTypeDescription | undefined {
  return BUILT_IN_BY_LOWER_CASE[role].get(type.trim().toLowerCase());
}

/** Keys the server sets; `bacalhau job run` refuses them in a job file. */
export const SERVER_SET_KEYS: readonly string[] = Object.freeze(['ID', 'State', 'Version', 'Revision', 'CreateTime', 'ModifyTime']);

const SERVER_SET_LOWER_CASE: ReadonlySet<string> = new Set(SERVER_SET_KEYS.map((key) => key.toLowerCase()));

/** Whether `key` is one the server sets, in any case (a job field's exact key, the usual one, is tested first). */
export function isServerSetKey(key: string): boolean {
  return !Object.hasOwn(WIRE_FIELDS.job, key) && SERVER_SET_LOWER_CASE.has(key.toLowerCase());
}

/** The Meta key prefix Bacalhau reserves for itself (exact, lowercase). */
export const RESERVED_META_PREFIX = 'bacalhau.org/';

/**
 * `list` frozen, when it holds every member of the union `Member` and nothing
 * else: each value set of the wire format (job types, network types, …) is a
 * named union, so that compiler messages and hovers name it, and a list for run
 * time, and the compiler holds the two together.
 */
export const everyOf =
  <Member extends string>() =>
  <const List extends readonly Member[]>(list: List & ([Member] extends [List[number]] ? unknown : { readonly missing: Exclude<Member, List[number]> })): List =>
    Object.freeze(list);

/**
 * Names of Bacalhau's network modes as they appear on the wire.
 *
 * `Full` is the deprecated alias of `Host`: it is accepted as input and written as `Host`.
 *
 * @example
 * ```ts
 * import type { NetworkType } from 'bacalhau-jobs';
 * const mode: NetworkType = 'HTTP';
 * ```
 *
 * @group Spec types
 */
export type NetworkType = 'Default' | 'None' | 'Host' | 'HTTP' | 'Bridge';

/**
 * The network types Bacalhau knows, canonical spelling; it matches them in any
 * case. `Full` is the deprecated alias of `Host` ({@link NetworkType} leaves it out).
 *
 * @example
 * ```ts
 * import { NETWORK_TYPE_NAMES } from 'bacalhau-jobs';
 * NETWORK_TYPE_NAMES.includes('HTTP'); // true
 * ```
 *
 * @group Helpers
 */
export const NETWORK_TYPE_NAMES = everyOf<NetworkType | 'Full'>()(['Default', 'None', 'Host', 'Full', 'HTTP', 'Bridge']);

/** A network type's canonical spelling, the deprecated `Full` included. */
export type NetworkTypeName = (typeof NETWORK_TYPE_NAMES)[number];

const NETWORK_TYPES: ReadonlyMap<string, NetworkTypeName> = new Map(NETWORK_TYPE_NAMES.map((name) => [name.toLowerCase(), name]));

/**
 * The canonical network type for `type`, matched as Bacalhau does (trimmed,
 * any case), with the deprecated `Full` kept distinct; `undefined` if unknown.
 */
export function networkType(type: string): NetworkTypeName | undefined {
  return NETWORK_TYPES.get(type.trim().toLowerCase());
}

/** Constraint operators, exactly as Bacalhau spells them, by how many values each takes (in, notin: some; exists, !: none; the others: one). */
export const CONSTRAINT_OPERATORS_BY_ARITY = Object.freeze({
  some: Object.freeze(['in', 'notin'] as const satisfies readonly ConstraintOperator[]),
  none: Object.freeze(['exists', '!'] as const satisfies readonly ConstraintOperator[]),
  one: Object.freeze(['=', '==', '!=', 'gt', 'lt'] as const satisfies readonly ConstraintOperator[]),
});

/**
 * The operators of a job constraint, as written on the wire (case-sensitive).
 *
 * - `in` / `notin`: the node label's value is (not) in `Values` (at least one value).
 * - `exists` / `!`: the label is present / absent (no values).
 * - `=`, `==`, `!=`: (in)equality with one value; `gt` / `lt`: integer comparison with one value.
 *
 * @example
 * ```ts
 * import type { ConstraintOperator } from 'bacalhau-jobs';
 * const operator: ConstraintOperator = 'in';
 * ```
 *
 * @group Spec types
 */
export type ConstraintOperator = 'in' | 'notin' | 'exists' | '!' | '=' | '==' | '!=' | 'gt' | 'lt';

/**
 * Every constraint operator, exactly as Bacalhau spells them (lowercase).
 *
 * @example
 * ```ts
 * import { CONSTRAINT_OPERATORS } from 'bacalhau-jobs';
 * CONSTRAINT_OPERATORS.includes('notin'); // true
 * ```
 *
 * @group Helpers
 */
export const CONSTRAINT_OPERATORS = everyOf<ConstraintOperator>()([
  ...CONSTRAINT_OPERATORS_BY_ARITY.some,
  ...CONSTRAINT_OPERATORS_BY_ARITY.none,
  ...CONSTRAINT_OPERATORS_BY_ARITY.one,
]);

/** The partition types Bacalhau knows, exactly (case-sensitive; the empty string means none). */
export const PARTITION_TYPES = Object.freeze(['', 'none', 'object', 'regex', 'substring', 'date'] as const);

/**
 * An s3 publisher's `Encoding` values, exactly (case-sensitive; absent or `''` means gzip).
 *
 * @example
 * ```ts
 * import { S3_ENCODINGS } from 'bacalhau-jobs';
 * S3_ENCODINGS.includes('plain'); // true
 * ```
 *
 * @group Helpers
 */
export const S3_ENCODINGS = everyOf<S3Encoding>()(['gzip', 'plain']);

/**
 * A local source's `CreateAs` values, canonical spelling (matched in any case; absent means noCreate).
 *
 * @example
 * ```ts
 * import { LOCAL_CREATE_AS } from 'bacalhau-jobs';
 * LOCAL_CREATE_AS.includes('dir'); // true
 * ```
 *
 * @group Helpers
 */
export const LOCAL_CREATE_AS = everyOf<LocalCreateAs>()(['dir', 'file', 'noCreate']);

/**
 * How an s3 publisher writes results: `gzip` (one archive, the default) or `plain` (one object per file).
 *
 * @example
 * ```ts
 * import type { S3Encoding } from 'bacalhau-jobs';
 * const encoding: S3Encoding = 'plain';
 * ```
 *
 * @group Spec types
 */
export type S3Encoding = 'gzip' | 'plain';

/**
 * What a local source creates when its path is missing: a directory, a file, or nothing (the default).
 *
 * @example
 * ```ts
 * import type { LocalCreateAs } from 'bacalhau-jobs';
 * const createAs: LocalCreateAs = 'dir';
 * ```
 *
 * @group Spec types
 */
export type LocalCreateAs = 'dir' | 'file' | 'noCreate';
