/**
 * The rules guide (docs/rules.md) against the SDK: it lists every rule of the
 * PROBLEM_RULES catalogue, in order, with the catalogue's summary; each wrong
 * example reports its rule and each right example is valid and does not.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import * as sdk from '../src/index.js';
import { PROBLEM_RULES, safeParseJob, type ProblemRule } from '../src/index.js';

const guide = readFileSync(fileURLToPath(new URL('../docs/rules.md', import.meta.url)), 'utf8');

const BASE_TASK = { Name: 'main', Engine: { Type: 'docker', Params: { Image: 'alpine:3.20' } }, Publisher: { Type: 'local' } };
const BASE_JOB = { Name: 'example', Type: 'batch', Tasks: [BASE_TASK] };

interface Example {
  readonly scope: string;
  readonly language: string;
  readonly code: string;
}

interface Section {
  readonly rule: string;
  readonly summary: string;
  readonly wrong: Example;
  readonly right: Example;
}

function sectionsOf(markdown: string): Section[] {
  return markdown
    .split(/\n## /)
    .slice(1)
    .map((chunk) => {
      const rule = chunk.slice(0, chunk.indexOf('\n'));
      const summary = chunk.split('\n\n')[1] ?? '';
      const scope = /Wrong \((\w+)\):/.exec(chunk)?.[1] ?? '';
      const blocks = [...chunk.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map(([, language, code]) => ({ language: language ?? '', code: code ?? '' }));
      if (blocks.length !== 2) throw new Error(`docs/rules.md: ${rule} has ${blocks.length} code blocks, not a wrong and a right one`);
      return { rule, summary, wrong: { scope, ...blocks[0]! }, right: { scope, ...blocks[1]! } };
    });
}

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
    // Fragments are read as the SDK reads YAML (1.1), then replace keys of the base task or job.
    const fragment = parseYaml(example.code, { version: '1.1' }) as Record<string, unknown>;
    const job = example.scope === 'task' ? { ...BASE_JOB, Tasks: [{ ...BASE_TASK, ...fragment }] } : { ...BASE_JOB, ...fragment };
    result = safeParseJob(job);
  }
  return { valid: result.valid, rules: [...result.problems, ...result.warnings].map((p) => p.rule) };
}

const sections = sectionsOf(guide);

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
