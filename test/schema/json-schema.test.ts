/**
 * The JSON Schema for editors (src/schema/json-schema.ts), checked with Ajv:
 * it accepts every spec the SDK accepts (the valid conformance files and the
 * fuzz generator's specs), and rejects the structural mistakes the SDK rejects
 * (unknown keys, wrong JSON kinds).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { describe, expect, it } from 'vitest';
import { jobJsonSchema, PROBLEM_RULES, safeParseJob, type JsonSchema } from '../../src/index.js';
import { FIELD_DOCS, PARAMS_DOCS } from '../../src/schema/field-docs.js';
import { caseInsensitive } from '../../src/schema/json-schema.js';
import { readText } from '../../src/io/text.js';
import { BUILT_IN_TYPES, SPEC_FIELDS, WIRE_FIELDS, type BuiltInTypeDescription, type FieldRule } from '../../src/schema/description.js';
import { generateSpecs } from '../differential/generate.js';
import { conformanceDir as conformance, validCorpusFiles } from '../support/corpus.js';


/**
 * Ajv as strict as it goes, but allowing what the schema means to do: a canonical key also matched by a
 * case-insensitive pattern, `[T, 'null']`, and `anyOf: [{ required: [K] }, K in any case]` (the first branch
 * only gives editors their "Missing property" message).
 */
function compile(): ValidateFunction {
  const ajv = new Ajv({ strict: true, allowMatchingProperties: true, allowUnionTypes: true, strictRequired: false, allErrors: true });
  return ajv.compile(jobJsonSchema());
}

const validate = compile();

/** The document's value as the SDK reads the text (YAML 1.1, keys as written). */
function valueOf(text: string): unknown {
  const { read } = readText(text);
  if (read === undefined) throw new Error('unreadable');
  return read.value;
}

function errorsOf(value: unknown): string[] {
  return validate(value) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''}`);
}

describe('JSON Schema: derived from the validators', () => {
  const schema = jobJsonSchema();
  const definitions = schema['definitions'] as Record<string, JsonSchema>;
  const keysOf = (object: JsonSchema): string[] => Object.keys(object['properties'] as object);

  it('is draft-07, pure data (JSON round trip), and compiles under strict Ajv', () => {
    expect(schema['$schema']).toBe('http://json-schema.org/draft-07/schema#');
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
    expect(typeof validate).toBe('function');
  });

  it("has exactly the keys of the field tables, each described by its doc and then the field's rules", () => {
    const tables: [JsonSchema, object, Readonly<Record<string, string>>][] = [
      [schema, WIRE_FIELDS.job, FIELD_DOCS.job],
      [definitions['task'] ?? {}, WIRE_FIELDS.task, FIELD_DOCS.task],
      [definitions['constraint'] ?? {}, WIRE_FIELDS.constraint, FIELD_DOCS.constraint],
      [definitions['network'] ?? {}, WIRE_FIELDS.network, FIELD_DOCS.network],
      [definitions['port'] ?? {}, WIRE_FIELDS.port, FIELD_DOCS.port],
      [definitions['resources'] ?? {}, WIRE_FIELDS.resources, FIELD_DOCS.resources],
      [definitions['timeouts'] ?? {}, WIRE_FIELDS.timeouts, FIELD_DOCS.timeouts],
      [definitions['inputSource'] ?? {}, WIRE_FIELDS.inputSource, FIELD_DOCS.inputSource],
      [definitions['resultPath'] ?? {}, WIRE_FIELDS.resultPath, FIELD_DOCS.resultPath],
      [definitions['partition'] ?? {}, WIRE_FIELDS.partition, FIELD_DOCS.partition],
      [definitions['engine'] ?? {}, SPEC_FIELDS.engine, FIELD_DOCS.specConfig.engine],
      [definitions['publisher'] ?? {}, SPEC_FIELDS.publisher, FIELD_DOCS.specConfig.publisher],
      [definitions['source'] ?? {}, SPEC_FIELDS.source, FIELD_DOCS.specConfig.source],
    ];
    for (const [object, rules, docs] of tables) {
      expect(keysOf(object)).toEqual(Object.keys(rules));
      expect(Object.keys(docs)).toEqual(Object.keys(rules));
      for (const [key, doc] of Object.entries(docs)) {
        expect(doc, key).toMatch(/\S/);
        const description = (object['properties'] as Record<string, JsonSchema>)[key]?.['description'];
        const ruleIds: readonly string[] = (rules as Readonly<Record<string, FieldRule>>)[key]?.rules ?? [];
        expect(description, key).toBe(ruleIds.length === 0 ? doc : `${doc}\n\nRules: ${ruleIds.join(', ')}.`);
        for (const id of ruleIds) expect(Object.keys(PROBLEM_RULES)).toContain(id);
      }
    }
  });

  it("documents exactly the Params keys of every built-in type that has Params", () => {
    for (const role of ['engine', 'publisher', 'source'] as const) {
      const documented = Object.fromEntries(Object.entries(PARAMS_DOCS[role]).map(([name, docs]) => [name, Object.keys(docs)]));
      const tables = Object.fromEntries(
        (BUILT_IN_TYPES[role] as readonly BuiltInTypeDescription[])
          .filter((type) => type.status !== 'result-only' && Object.keys(type.params).length > 0)
          .map((type) => [type.name, Object.keys(type.params)]),
      );
      expect(documented, role).toEqual(tables);
    }
  });

  it('gives every property everywhere (built-in Params included) a description', () => {
    const missing: string[] = [];
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) node.forEach((item, index) => walk(item, `${path}[${index}]`));
      if (typeof node !== 'object' || node === null) return;
      for (const [key, value] of Object.entries(node)) {
        if (key === 'properties') for (const [name, property] of Object.entries(value as object)) if (!('description' in property)) missing.push(`${path}.${name}`);
        walk(value, `${path}.${key}`);
      }
    };
    walk(schema, '');
    expect(missing).toEqual([]);
  });

  it('offers the built-in types for completion', () => {
    const text = JSON.stringify(schema);
    for (const name of ['docker', 'wasm', 'local', 's3', 'ipfs', 's3managed', 'urlDownload', 'inline', 'batch', 'daemon', 'Bridge', 'HTTP']) expect(text).toContain(`"${name}"`);
  });

  it('matches keys in any case exactly as the SDK does (toLowerCase, which also maps the Kelvin sign to k)', () => {
    const toAscii: string[] = [];
    for (let code = 0x80; code <= 0xffff; code++) {
      const lower = String.fromCharCode(code).toLowerCase();
      if (/^[a-z]$/.test(lower)) toAscii.push(String.fromCharCode(code));
    }
    expect(toAscii).toEqual(['\u212A']);
    expect(new RegExp(`^${caseInsensitive('Key')}$`, 'u').test('\u212Aey')).toBe(true);
    expect(new RegExp(`^${caseInsensitive('Key')}$`, 'u').test('kEY')).toBe(true);
    expect(new RegExp(`^${caseInsensitive('Key')}$`, 'u').test('Keys')).toBe(false);
  });
});

const task = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ Name: 'main', Engine: { Type: 'docker', Params: { Image: 'alpine' } }, ...extra });
const job = (extra: Record<string, unknown> = {}, taskExtra: Record<string, unknown> = {}): Record<string, unknown> => ({ Type: 'batch', Tasks: [task(taskExtra)], ...extra });

describe('JSON Schema: agrees with the SDK on hand-written cases', () => {
  const accepted: [string, unknown][] = [
    ['lower-case keys', { type: 'batch', name: 'x', tasks: [{ name: 'main', engine: { type: 'docker', params: { image: 'alpine', entrypoint: ['sh'] } } }] }],
    ['upper-case keys', { TYPE: 'batch', TASKS: [{ NAME: 'main', ENGINE: { TYPE: 'DOCKER', PARAMS: { IMAGE: 'alpine' } } }] }],
    ['the Kelvin sign for k', job({}, { InputSources: [{ Source: { Type: 's3', Params: { Bucket: 'b', \u212Aey: 'k' } }, Target: '/in' }] })],
    ['null for unset', job({ Name: null, Count: null, Meta: null }, { Publisher: null, Resources: null, Network: { Type: null } })],
    ['a custom engine with free-form Params', job({}, { Engine: { Type: 'flibble', Params: { Some: { nested: [1, true] } } } })],
    ['a type name with spaces and another case', job({}, { Engine: { Type: ' Docker ', Params: { Image: 'alpine' } } })],
    ['network types in any case', job({}, { Network: { Type: 'http', Domains: ['example.com'] } })],
    ['s3 partition', job({}, { InputSources: [{ Source: { Type: 's3', Params: { Bucket: 'b', Partition: { Type: 'date', DateFormat: '2006-01-02' } } }, Target: '/in' }] })],
  ];
  it.each(accepted)('accepts %s (as the SDK does)', (_name, value) => {
    expect(safeParseJob(value as Record<string, unknown>).valid).toBe(true);
    expect(errorsOf(value)).toEqual([]);
  });

  const rejected: [string, unknown][] = [
    ['an unknown job key', job({ Tasks2: [] })],
    ['a misspelt task key', job({}, { Timeout: { ExecutionTimeout: 10 } })],
    ['an unknown docker param', job({}, { Engine: { Type: 'docker', Params: { Image: 'alpine', Imag: 'x' } } })],
    ['Params on a type that takes none', job({}, { Publisher: { Type: 'local', Params: { Path: '/x' } } })],
    ['a Count written as a string', job({ Count: '2' })],
    ['a Count that is not an integer', job({ Count: 1.5 })],
    ['a job Type in upper case', job({ Type: 'Batch' })],
    ['no Type', { Tasks: [task()] }],
    ['a task without a Name', { Type: 'batch', Tasks: [{ Engine: { Type: 'docker', Params: { Image: 'alpine' } } }] }],
    ['a string for a list of strings', job({}, { Engine: { Type: 'docker', Params: { Image: 'alpine', Entrypoint: 'sh' } } })],
    ['a number in Env', job({}, { Env: { A: 1 } })],
    ['a server-set key', job({ ID: 'j-1' })],
    ['a result-only source type', job({}, { InputSources: [{ Source: { Type: 's3PreSigned' }, Target: '/in' }] })],
    ['an unknown constraint operator', job({ Constraints: [{ Key: 'a', Operator: 'IN', Values: ['x'] }] })],
    ['an unknown network type', job({}, { Network: { Type: 'wifi' } })],
  ];
  it.each(rejected)('rejects %s (as the SDK does)', (_name, value) => {
    expect(safeParseJob(value as Record<string, unknown>).valid).toBe(false);
    expect(errorsOf(value)).not.toEqual([]);
  });
});

describe('JSON Schema: accepts every spec the SDK accepts', () => {
  it('every valid conformance file', () => {
    const files = validCorpusFiles();
    expect(files.length).toBeGreaterThan(20);
    const flagged = files.map((name) => [name, errorsOf(valueOf(readFileSync(join(conformance, name), 'utf8')))] as const).filter(([, errors]) => errors.length > 0);
    expect(flagged).toEqual([]);
    console.info(`json-schema: Ajv accepted ${files.length} valid conformance files`);
  });

  it("every fuzz-generated spec the SDK accepts, and rejects the generator's structural mutations", () => {
    const specs = generateSpecs(20260127, 3000);
    let accepted = 0;
    let rejected = 0;
    const wronglyFlagged: string[] = [];
    const missed: string[] = [];
    for (const spec of specs) {
      const result = safeParseJob(spec.text);
      const read = readText(spec.text).read;
      if (read === undefined) continue;
      const errors = errorsOf(read.value);
      if (result.valid) {
        accepted++;
        if (errors.length > 0) wronglyFlagged.push(`${spec.id} [${spec.mutations.join(', ')}]: ${errors.join('; ')}`);
        continue;
      }
      // Structural problems: an unknown key, or a value of the wrong JSON kind, where the schema describes the value
      // (not inside a legacy WASM EntryModule or ImportModules, which the tables leave as any JSON value).
      const structural = result.problems.some((p) => (p.rule === 'unknown-key' || p.rule === 'type') && !/EntryModule|ImportModules/.test(p.path));
      if (!structural) continue;
      if (errors.length > 0) rejected++;
      else missed.push(`${spec.id} [${spec.mutations.join(', ')}]: ${result.problems.map((p) => `${p.path} ${p.rule}`).join('; ')}`);
    }
    expect(wronglyFlagged).toEqual([]);
    expect(missed).toEqual([]);
    expect(accepted).toBeGreaterThan(800);
    expect(rejected).toBeGreaterThan(100);
    console.info(`json-schema: Ajv accepted ${accepted} SDK-valid generated specs and rejected ${rejected} structural mutations`);
  });
});

describe('JSON Schema: shipped as bacalhau-jobs/schema/job.json', () => {
  const root = new URL('../..', import.meta.url);
  const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { exports: Record<string, unknown>; files: string[]; scripts: Record<string, string> };

  it('is in the exports, pointing into dist (which files ships), and written by the build', () => {
    expect(manifest.exports['./schema/job.json']).toBe('./dist/schema/job.json');
    expect(manifest.files).toContain('dist');
    expect(manifest.scripts['build']).toMatch(/&& node scripts\/write-schema\.mjs$/);
  });

  it('the editor guide names the path the package really has', () => {
    const guide = readFileSync(new URL('docs/editors.md', root), 'utf8');
    expect(guide).toContain('# yaml-language-server: $schema=./node_modules/bacalhau-jobs/dist/schema/job.json');
    expect(guide).toContain('bacalhau-jobs/schema/job.json');
  });
});
