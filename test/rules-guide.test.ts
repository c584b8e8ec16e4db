/**
 * The rules guide (docs/rules.md) against the SDK: it lists every rule of the
 * PROBLEM_RULES catalogue, in order, with the catalogue's summary; each wrong
 * example reports its rule and each right example is valid and does not.
 */
import { describe, expect, it } from 'vitest';
import * as sdk from '../src/index.js';
import { PROBLEM_RULES, safeParseJob, type ProblemRule } from '../src/index.js';
import { BASE_JOB, fragmentJob, RULES_GUIDE as sections, type Example } from './support/rules-guide.js';

/** What the SDK reports for an example: problems and warnings, by rule. */
function report(example: Example): { valid: boolean; rules: string[] } {
  let result: { valid: boolean; problems: readonly sdk.Problem[]; warnings: readonly sdk.Problem[] };
  if (example.scope === 'code') {
    // The import names what the code uses; the code itself runs against the sources.
    const body = example.code.replace(/^import .*$/m, '');
    const names = Object.keys(sdk).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name));
    result = new Function(...names, `${body}\nreturn report;`)(...names.map((name) => (sdk as Record<string, unknown>)[name]));
  } else if (example.scope === 'file') {
    result = safeParseJob(example.code);
  } else {
    result = safeParseJob(fragmentJob(example));
  }
  return { valid: result.valid, rules: [...result.problems, ...result.warnings].map((p) => p.rule) };
}

describe('docs/rules.md', () => {
  it('lists every rule of the catalogue, in its order, with its summary', () => {
    expect(sections.map((s) => s.rule)).toEqual(Object.keys(PROBLEM_RULES));
    for (const section of sections) expect(section.summary).toBe(PROBLEM_RULES[section.rule as ProblemRule].summary);
  });

  it('the base job of the fragments is valid', () => {
    expect(safeParseJob(BASE_JOB)).toMatchObject({ valid: true, warnings: [] });
  });

  it.each(sections)('$rule: the wrong example reports it, the right one is valid without it', (section) => {
    expect(report(section.wrong).rules).toContain(section.rule);
    const right = report(section.right);
    expect(right.rules).not.toContain(section.rule);
    expect(right.valid).toBe(true);
  });
});
