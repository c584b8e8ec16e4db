/**
 * The differential suite's input generator (generate.ts): deterministic, its
 * valid specs valid, its mutations covering every rule a spec can break, and
 * each mutation doing what it says, alone, to the SDK.
 */
import { describe, expect, it } from 'vitest';
import { safeParseJob, type JobType, type ProblemRule } from '../../src/index.js';
import {
  MUTATIONS,
  NOT_TRIGGERABLE_FROM_SPEC,
  PROBLEM_RULES,
  createRandom,
  describeCoverage,
  generateSpecs,
  mutateAndWrite,
  mutationById,
  validBases,
  type Mutation,
} from './generate.js';

/**
 * Mutations after which the SDK's verdict is not the one the mutation's rule
 * names, because the SDK and Bacalhau disagree. Each is checked to still
 * disagree, so that this list stays true.
 */
const KNOWN_DISAGREEMENTS: Readonly<Record<string, string>> = {
  'keys.unicode-fold':
    "Go's encoding/json matches keys with Unicode simple case folding, so 'Taſks' (U+017F) and 'Key' with a Kelvin sign (U+212A) name Tasks and Key; the SDK lowercases with toLowerCase and reports unknown keys",
};

/** Which rules the SDK reports (problems and warnings) for `text`. */
function reportedRules(text: string): { valid: boolean; rules: Set<string> } {
  const result = safeParseJob(text);
  return { valid: result.valid, rules: new Set([...result.problems, ...result.warnings].map((p) => p.rule)) };
}

describe('generateSpecs', () => {
  const specs = generateSpecs(20240601, 240);

  it('is deterministic: the same seed gives the same specs, a prefix of a longer run', () => {
    expect(generateSpecs(20240601, 240)).toEqual(specs);
    expect(generateSpecs(20240601, 40)).toEqual(specs.slice(0, 40));
    expect(generateSpecs(7, 40)).not.toEqual(specs.slice(0, 40));
    expect(specs.map((s) => s.id)).toEqual(specs.map((_, index) => `gen-20240601-${index}`));
    expect(generateSpecs(1, 0)).toEqual([]);
  });

  it('makes about 30% valid specs and 70% with 1–3 mutations, of all four job types, mostly YAML', () => {
    const valid = specs.filter((s) => s.mutations.length === 0);
    expect(valid.length / specs.length).toBeGreaterThan(0.2);
    expect(valid.length / specs.length).toBeLessThan(0.4);
    for (const spec of specs) {
      expect(spec.mutations.length).toBeLessThanOrEqual(3);
      for (const id of spec.mutations) expect(() => mutationById(id)).not.toThrow();
      expect(spec.text.length).toBeGreaterThan(0);
    }
    expect(new Set(specs.map((s) => s.jobType))).toEqual(new Set<JobType>(['batch', 'ops', 'service', 'daemon']));
    const yaml = specs.filter((s) => s.format === 'yaml').length;
    expect(yaml / specs.length).toBeGreaterThan(0.55);
    expect(yaml).toBeLessThan(specs.length);
    // Some valid specs have lowercase or camelCase keys, as Bacalhau's docs and CLI write them.
    expect(valid.some((s) => /^\s*"?tasks"?:/m.test(s.text))).toBe(true);
  });

  it('makes valid specs the SDK accepts (from several seeds)', () => {
    const valid = [...specs, ...generateSpecs(99, 100)].filter((s) => s.mutations.length === 0);
    expect(valid.length).toBeGreaterThan(60);
    const refused = valid
      .map((spec) => ({ spec, result: safeParseJob(spec.text) }))
      .filter(({ result }) => !result.valid)
      .map(({ spec, result }) => `${spec.id}: ${result.problems.map((p) => `${p.path} ${p.rule}`).join(', ')}`);
    expect(refused).toEqual([]);
  });
});

describe('MUTATIONS', () => {
  it('have unique ids, a rule the SDK knows (or none), a description and tags', () => {
    const ids = MUTATIONS.map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const m of MUTATIONS) {
      expect(m.id).toMatch(/^[a-z0-9][a-z0-9.-]*$/);
      expect([...PROBLEM_RULES, 'none']).toContain(m.rule);
      expect(m.description.length).toBeGreaterThan(5);
      expect(m.tags.length).toBeGreaterThan(0);
    }
  });

  it('cover every rule a spec can trigger; the others are listed with the reason', () => {
    const coverage = describeCoverage();
    expect(coverage.map((c) => c.rule).sort()).toEqual([...PROBLEM_RULES, 'none'].sort());
    for (const { rule, mutations } of coverage) {
      expect(mutations).toEqual(MUTATIONS.filter((m) => m.rule === rule).map((m) => m.id));
    }
    const uncovered = coverage.filter((c) => c.rule !== 'none' && c.mutations.length === 0).map((c) => c.rule);
    expect(uncovered.sort()).toEqual(Object.keys(NOT_TRIGGERABLE_FROM_SPEC).sort());
    expect(Object.keys(NOT_TRIGGERABLE_FROM_SPEC).sort()).toEqual(['duration', 'helper-role']);
  });

  /** A few small valid bases: one per job type, two with a docker engine and two with wasm (mutations add what else they need). */
  const bases = (() => {
    const pool = validBases(4242, 80).sort((a, b) => JSON.stringify(a.wire).length - JSON.stringify(b.wire).length);
    const engineType = (wire: Record<string, unknown>): unknown =>
      ((wire['Tasks'] as Record<string, unknown>[])[0]?.['Engine'] as Record<string, unknown> | undefined)?.['Type'];
    const wanted = [['batch', 'docker'], ['ops', 'wasm'], ['service', 'wasm'], ['daemon', 'docker']] as const;
    return wanted.map(([type, kind]) => pool.find((b) => b.jobType === type && engineType(b.wire) === kind)).filter((b): b is NonNullable<typeof b> => b !== undefined);
  })();

  /** Applies `m` alone to every base: how many bases it applied to, and on how many the SDK's verdict is the expected one. */
  function effect(m: Mutation): { applicable: number; hits: number; misses: string[] } {
    let applicable = 0;
    let hits = 0;
    const misses: string[] = [];
    for (const [index, base] of bases.entries()) {
      const out = mutateAndWrite(base.wire, [m], createRandom(index + 1), index === 3 ? 'json' : 'yaml');
      if (out.applied.length === 0) continue;
      applicable++;
      const { valid, rules } = reportedRules(out.text);
      if (m.rule === 'none' ? valid : rules.has(m.rule)) hits++;
      else misses.push(`${base.jobType}/${out.format}: ${[...rules].join(', ') || 'valid'}`);
    }
    return { applicable, hits, misses };
  }

  it('each, alone on a few valid bases, makes the SDK report its rule on most (none: keeps the spec valid on all)', () => {
    expect(bases.length).toBe(4);
    const failures: string[] = [];
    for (const m of MUTATIONS) {
      const { applicable, hits, misses } = effect(m);
      if (applicable === 0) {
        failures.push(`${m.id}: applied to no base`);
        continue;
      }
      const expected = m.rule === 'none' ? hits === applicable : hits * 2 > applicable;
      const disagreement = KNOWN_DISAGREEMENTS[m.id];
      if (disagreement === undefined && !expected) failures.push(`${m.id} (${m.rule}): ${hits}/${applicable}; ${misses.join(' | ')}`);
      if (disagreement !== undefined && hits > 0) failures.push(`${m.id} is listed as a disagreement but the SDK now reports ${m.rule} (${hits}/${applicable}): update KNOWN_DISAGREEMENTS`);
    }
    expect(failures).toEqual([]);
  });

  it('name only existing mutations as known disagreements', () => {
    for (const id of Object.keys(KNOWN_DISAGREEMENTS)) expect(() => mutationById(id)).not.toThrow();
  });

  it('combined, keep the rules they target observable (exclusive ones are applied alone)', () => {
    const rulesOf = (ids: readonly string[]): Set<string> => new Set(ids.map((id) => mutationById(id).rule));
    for (const spec of generateSpecs(555, 120)) {
      const chosen = spec.mutations.map(mutationById);
      if (chosen.some((m) => m.exclusive === true)) expect(chosen).toHaveLength(1);
      for (const [i, a] of chosen.entries()) for (const b of chosen.slice(i + 1)) expect(a.id === b.id).toBe(false);
      const targeted = [...rulesOf(spec.mutations)].filter((rule) => rule !== 'none');
      if (targeted.length === 0 || spec.mutations.some((id) => id in KNOWN_DISAGREEMENTS)) continue;
      const { rules } = reportedRules(spec.text);
      const missing = targeted.filter((rule) => !rules.has(rule as ProblemRule));
      expect(missing, `${spec.id} (${spec.mutations.join(' + ')})`).toEqual([]);
    }
  });
});
