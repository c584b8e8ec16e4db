/**
 * A JSON Schema (draft-07) for job files, generated from the wire format's
 * description (description.ts), so the wire format is written down once. Editors (through
 * yaml-language-server) use it for completion, hover docs and quick checks.
 *
 * The schema is never stricter than the SDK: whatever `safeParseJob` accepts,
 * the schema accepts. It checks structure (known keys in any case, JSON kinds,
 * required keys, the built-in enums the validator enforces); the rules that
 * relate fields to each other stay with `bacalhau-jobs validate`.
 *
 * Pure: no Node APIs, so it runs in a browser too.
 *
 * @module
 */
import {
  BUILT_IN_TYPES,
  CONSTRAINT_OPERATORS,
  NETWORK_TYPE_NAMES,
  PARTITION_TYPES,
  SPEC_FIELDS,
  WIRE_FIELDS,
  type BuiltInTypeDescription,
  type FieldKind,
  type FieldRule,
  type FieldRules,
  type SpecRole,
} from './description.js';
import { JOB_TYPES } from './job-types.js';
import { FIELD_DOCS, PARAMS_DOCS } from './field-docs.js';

/**
 * A JSON Schema document or subschema, as plain JSON data.
 *
 * @example
 * ```ts
 * import type { JsonSchema } from 'bacalhau-jobs';
 * const schema: JsonSchema = { type: 'string', description: 'A name.' };
 * ```
 *
 * @group Validation
 */
export type JsonSchema = { readonly [keyword: string]: unknown };

/**
 * A regular expression source matching `text` in any case, as the SDK's key
 * match (`toLowerCase()`) does. JSON Schema patterns have no `(?i)`, so each
 * letter becomes a class; `k` also takes the Kelvin sign (U+212A), which
 * lower-cases to `k`, the only non-ASCII character that lower-cases to an
 * ASCII letter.
 */
export function caseInsensitive(text: string): string {
  let source = '';
  for (const char of text) {
    const lower = char.toLowerCase();
    const upper = char.toUpperCase();
    if (lower !== upper) source += `[${upper}${lower}${lower === 'k' ? '\u212A' : ''}]`;
    else source += char.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
  }
  return source;
}

/** A pattern matching exactly `key` in any case. */
const keyPattern = (key: string): string => `^${caseInsensitive(key)}$`;

/** A value as the SDK reads it: `null` means unset (Go's decoders leave the field alone). */
function nullable(schema: JsonSchema): JsonSchema {
  const type = schema['type'];
  if (typeof type === 'string' && Object.keys(schema).every((keyword) => keyword === 'type' || keyword === 'items' || keyword === 'minimum' || keyword === 'maximum')) {
    return { ...schema, type: [type, 'null'] };
  }
  if (Object.keys(schema).length === 0) return schema;
  return { anyOf: [schema, { type: 'null' }] };
}

function kindSchema(kind: FieldKind, link: JsonSchema | undefined): JsonSchema {
  switch (kind) {
    case 'string':
    case 'boolean':
    case 'number':
      return link ?? { type: kind };
    case 'integer':
      // Number.isSafeInteger, as the validator checks it.
      return link ?? { type: 'integer', minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER };
    case 'object':
      return link ?? { type: 'object' };
    case 'array':
      return link === undefined ? { type: 'array' } : { type: 'array', items: link };
    case 'string[]':
      return { type: 'array', items: { type: 'string' } };
    case 'any':
      return link ?? {};
  }
}

/**
 * Some key of the object matches `pattern`: `required` for keys matched in
 * any case (`required: ['Type']` would refuse `type:`, which Bacalhau reads).
 */
function hasKey(key: string): JsonSchema {
  return { not: { propertyNames: { not: { pattern: keyPattern(key) } } } };
}

/**
 * `key` is required: present in some case. The plain `required` branch, which
 * the other implies, is there for the editors' message ("Missing property").
 */
function requiredKey(key: string): JsonSchema {
  return { anyOf: [{ required: [key] }, hasKey(key)] };
}

/**
 * The schema of a wire object as the validators read it: canonical names
 * under `properties` (for completion and descriptions), the same schemas under
 * case-insensitive `patternProperties`, no other keys, required keys present in
 * some case. A field's value (or, for a list, each item) is what its `holds`
 * names; `links` overrides that (the enumerated types).
 */
function objectSchema(rules: FieldRules, docs: Readonly<Record<string, string>>, links: Readonly<Record<string, JsonSchema>> = {}, extra: JsonSchema = {}): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const patternProperties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [key, rule] of Object.entries(rules) as [string, FieldRule][]) {
    const value = nullable(kindSchema(rule.kind, links[key] ?? heldSchema(rule.holds)));
    const doc = docs[key];
    properties[key] = doc === undefined ? value : { description: describe(doc, rule), ...value };
    patternProperties[keyPattern(key)] = value;
    if (rule.required === true) required.push(key);
  }
  const schema: Record<string, unknown> = { type: 'object', properties, patternProperties, additionalProperties: false, ...extra };
  if (required.length > 0) schema['allOf'] = [...((extra['allOf'] as JsonSchema[] | undefined) ?? []), ...required.map(requiredKey)];
  return schema;
}

/** A string that must be one of `names`, offered for completion. */
function oneOf(names: readonly string[]): JsonSchema {
  return { type: 'string', enum: [...names] };
}

/** A string Bacalhau matches in any case, trimmed: `names` are offered, every spelling accepted. */
function oneOfAnyCase(names: readonly string[]): JsonSchema {
  return { anyOf: [{ enum: [...names] }, { type: 'string', pattern: `^\\s*(?:${names.map(caseInsensitive).join('|')})\\s*$` }] };
}

const ref = (name: string): JsonSchema => ({ $ref: `#/definitions/${name}` });

const STRING_MAP: JsonSchema = { type: 'object', additionalProperties: { type: 'string' } };

/** The schema of what a field holds (`holds` in the description): a string map, or the definition of that name. */
function heldSchema(holds: string | undefined): JsonSchema | undefined {
  if (holds === undefined) return undefined;
  return holds === 'stringMap' ? STRING_MAP : ref(holds);
}

/** A field's doc, and the rules that judge it (hovering a key in an editor shows both). */
function describe(doc: string, rule: FieldRule): string {
  return rule.rules === undefined || rule.rules.length === 0 ? doc : `${doc}\n\nRules: ${rule.rules.join(', ')}.`;
}

/**
 * `{ Type, Params }` for `role`: `Type` offers the built-in names and accepts
 * any string (custom types are accepted with a warning); each built-in type's
 * Params are checked with its table through `if`/`then`.
 */
function specConfigSchema(role: SpecRole): JsonSchema {
  const types: readonly BuiltInTypeDescription[] = BUILT_IN_TYPES[role];
  // Deprecated and test-only types are accepted but not offered first; result-only ones are refused.
  const offered = types.filter((type) => type.status === undefined).map((type) => type.name);
  const typeSchema: JsonSchema = { anyOf: [{ enum: offered }, { type: 'string' }] };
  const byType = types.map((type): JsonSchema => {
    const condition: JsonSchema = {
      allOf: [hasKey('Type')],
      patternProperties: { [keyPattern('Type')]: { type: 'string', pattern: `^\\s*${caseInsensitive(type.name)}\\s*$` } },
    };
    if (type.status === 'result-only') return { if: condition, then: false };
    const params = nullable(objectSchema(type.params, (PARAMS_DOCS[role] as Readonly<Record<string, Readonly<Record<string, string>>>>)[type.name] ?? {}));
    return { if: condition, then: { patternProperties: { [keyPattern('Params')]: params } } };
  });
  return objectSchema(SPEC_FIELDS[role], FIELD_DOCS.specConfig[role], { Type: typeSchema }, { allOf: byType });
}

/**
 * The JSON Schema of a Bacalhau job file (YAML or JSON), generated from the
 * field tables the validators use: every known key with its JSON kind and its
 * one-line doc as `description`, keys in any case, unknown keys refused, and
 * the built-in job, network, partition, engine, publisher and source types
 * offered for completion.
 *
 * It accepts every spec the SDK accepts. What it cannot say (rules between
 * fields, value formats such as quantities and paths, one task per job) is left
 * to `validateJob` / `bacalhau-jobs validate`.
 *
 * The package ships the result as `bacalhau-jobs/schema/job.json`
 * (`dist/schema/job.json`), and `bacalhau-jobs schema` prints it.
 *
 * @example
 * ```ts
 * import { jobJsonSchema } from 'bacalhau-jobs';
 *
 * const schema = jobJsonSchema();
 * Object.keys(schema['definitions'] as object); // ['task', 'engine', 'publisher', …]
 * ```
 *
 * @group Validation
 */
export function jobJsonSchema(): JsonSchema {
  const definitions: Record<string, JsonSchema> = {
    task: objectSchema(WIRE_FIELDS.task, FIELD_DOCS.task),
    engine: specConfigSchema('engine'),
    publisher: specConfigSchema('publisher'),
    source: specConfigSchema('source'),
    inputSource: objectSchema(WIRE_FIELDS.inputSource, FIELD_DOCS.inputSource),
    resultPath: objectSchema(WIRE_FIELDS.resultPath, FIELD_DOCS.resultPath),
    resources: objectSchema(WIRE_FIELDS.resources, FIELD_DOCS.resources),
    network: objectSchema(WIRE_FIELDS.network, FIELD_DOCS.network, { Type: oneOfAnyCase(NETWORK_TYPE_NAMES) }),
    port: objectSchema(WIRE_FIELDS.port, FIELD_DOCS.port),
    timeouts: objectSchema(WIRE_FIELDS.timeouts, FIELD_DOCS.timeouts),
    constraint: objectSchema(WIRE_FIELDS.constraint, FIELD_DOCS.constraint, { Operator: oneOf(CONSTRAINT_OPERATORS) }),
    partition: objectSchema(WIRE_FIELDS.partition, FIELD_DOCS.partition, { Type: oneOf(PARTITION_TYPES) }),
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Bacalhau job',
    description: 'A Bacalhau job spec, as `bacalhau job run` reads it. Generated by bacalhau-jobs from its validators; `bacalhau-jobs validate` checks the rest.',
    ...objectSchema(WIRE_FIELDS.job, FIELD_DOCS.job, { Type: oneOf(JOB_TYPES) }),
    definitions,
  };
}
