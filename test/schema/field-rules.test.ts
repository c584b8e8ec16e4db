/**
 * The rule ids in the description (src/schema/description.ts) against what the
 * validators report: every problem that lands on a field has a rule the field
 * lists (or one of the rules of every field), and every rule a field lists is
 * reported on that field by some spec — the conformance corpus, the rules
 * guide's examples, or the differential generator's specs.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { safeParseJob, type Problem } from '../../src/index.js';
import {
  BUILT_IN_TYPES,
  builtInTypeNamed,
  RULES_OF_EVERY_FIELD,
  SPEC_FIELDS,
  WIRE_FIELDS,
  type FieldRule,
  type FieldRules,
  type SpecRole,
} from '../../src/schema/description.js';
import { fieldOf } from '../../src/builders/state.js';
import { readText } from '../../src/io/text.js';
import { generateSpecs, NOT_TRIGGERABLE_FROM_SPEC } from '../differential/generate.js';
import { conformanceDir, validCorpusFiles } from '../support/corpus.js';
import { fragmentJob, RULES_GUIDE } from '../support/rules-guide.js';

const ROLES: readonly string[] = ['engine', 'publisher', 'source'];

/** A field of the description: where it is (`task.Name`, `params:source:s3.Bucket`) and its rule. */
interface PlacedField {
  readonly at: string;
  readonly rule: FieldRule;
}

/** The object a table name stands for: a wire object, a role's { Type, Params }, or a built-in type's Params. */
function tableOf(name: string): FieldRules | undefined {
  if (ROLES.includes(name)) return SPEC_FIELDS[name as SpecRole];
  if (name.startsWith('params:')) {
    const [, role, type] = name.split(':') as [string, SpecRole, string];
    return builtInTypeNamed(role, type)?.params;
  }
  return (WIRE_FIELDS as Readonly<Record<string, FieldRules>>)[name];
}

/**
 * The deepest field of the description on a problem's path, following each
 * field's `holds` (and a `{ Type, Params }`'s Type into its built-in Params);
 * `undefined` when the path ends on an object rather than a field.
 */
function placeOf(segments: readonly (string | number)[], job: unknown): PlacedField | undefined {
  let table = 'job';
  let value = job;
  let placed: PlacedField | undefined;
  for (const segment of segments) {
    if (typeof segment === 'number') {
      value = Array.isArray(value) ? value[segment] : undefined;
      continue;
    }
    const fields = tableOf(table);
    const key = fields === undefined ? undefined : Object.keys(fields).find((name) => name.toLowerCase() === segment.toLowerCase());
    // A key the description does not have (Env's names, an unknown key): the problem is the last field's.
    if (fields === undefined || key === undefined) return placed;
    const rule = fields[key]!;
    placed = { at: `${table}.${key}`, rule };
    const child = fieldOf(value, key);
    if (ROLES.includes(table) && key === 'Params') {
      const type = fieldOf(value, 'Type');
      const builtIn = typeof type === 'string' ? builtInTypeNamed(table as SpecRole, type) : undefined;
      table = builtIn === undefined ? 'custom' : `params:${table}:${builtIn.name}`;
    } else {
      table = rule.holds ?? 'none';
    }
    value = child;
  }
  return placed;
}

/** Every problem and warning of a job, with the job as read. */
interface Judged {
  readonly source: string;
  readonly job: unknown;
  readonly problems: readonly Problem[];
}

function judge(source: string, job: unknown): Judged {
  const result = safeParseJob(job as Record<string, unknown>);
  return { source, job, problems: [...result.problems, ...result.warnings] };
}

function judgeText(source: string, text: string): Judged | undefined {
  const { read } = readText(text);
  if (read === undefined) return undefined;
  const result = safeParseJob(text);
  const value = read.value;
  const job = typeof value === 'object' && value !== null && 'Job' in value ? (value as { Job: unknown }).Job : value;
  return { source, job, problems: [...result.problems, ...result.warnings] };
}

const judged: Judged[] = [
  ...validCorpusFiles().flatMap((file) => judgeText(file, readFileSync(join(conformanceDir, file), 'utf8')) ?? []),
  ...RULES_GUIDE.flatMap((section) =>
    [section.wrong, section.right].flatMap((example) => {
      if (example.scope === 'task' || example.scope === 'job') return [judge(`rules guide: ${section.rule}`, fragmentJob(example))];
      if (example.scope === 'file') return judgeText(`rules guide: ${section.rule}`, example.code) ?? [];
      return [];
    }),
  ),
  ...generateSpecs(20261127, 2500).flatMap((spec) => judgeText(spec.id, spec.text) ?? []),
];

/** The rules reported on each field, with one place each was seen. */
const seenOnField = new Map<string, Map<string, string>>();
const outside: string[] = [];
for (const { source, job, problems } of judged) {
  for (const problem of problems) {
    const field = placeOf(problem.segments, job);
    if (field === undefined) continue;
    const rules = seenOnField.get(field.at) ?? new Map<string, string>();
    seenOnField.set(field.at, rules);
    rules.set(problem.rule, `${source}: ${problem.path}`);
    const allowed: readonly string[] = [...RULES_OF_EVERY_FIELD, ...(field.rule.rules ?? [])];
    if (!allowed.includes(problem.rule)) outside.push(`${field.at}: ${problem.rule} (${source}: ${problem.path}: ${problem.message})`);
  }
}

/** Every field of the description with the rules it lists. */
function describedFields(): PlacedField[] {
  const tables: [string, FieldRules][] = [
    ...Object.entries(WIRE_FIELDS).filter(([name]) => name !== 'specConfig'),
    ...Object.entries(SPEC_FIELDS),
    ...Object.entries(BUILT_IN_TYPES).flatMap(([role, types]) => types.map((type): [string, FieldRules] => [`params:${role}:${type.name}`, type.params])),
  ];
  return tables.flatMap(([table, fields]) => Object.entries(fields).map(([key, rule]) => ({ at: `${table}.${key}`, rule })));
}

describe("each field's rule ids in the description", () => {
  it('read a good sample: corpus, guide examples and generated specs, thousands of problems', () => {
    expect(judged.length).toBeGreaterThan(2500);
    expect(judged.reduce((sum, entry) => sum + entry.problems.length, 0)).toBeGreaterThan(2000);
  });

  it('cover every problem reported on that field', () => {
    expect(outside).toEqual([]);
  });

  it('are each reported on that field by some spec (builder-only rules aside)', () => {
    const neverSeen = describedFields().flatMap(({ at, rule }) =>
      (rule.rules ?? [])
        .filter((id) => !Object.hasOwn(NOT_TRIGGERABLE_FROM_SPEC, id))
        // A deprecated localDirectory is read as local, whose Params are the same table.
        .filter((id) => seenOnField.get(at)?.has(id) !== true && seenOnField.get(at.replace(':localDirectory.', ':local.'))?.has(id) !== true)
        .map((id) => `${at}: ${id}`),
    );
    expect(neverSeen).toEqual([]);
  });
});
