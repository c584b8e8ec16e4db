/**
 * Runs each TypeScript a user may install (6 and 7) on a fixture of wrong code
 * and checks the messages users see: tsd's expectError proves that code fails,
 * not what it says. The two compilers word some failures differently (7 reports
 * a failed `this` check as the missing member alone), so each expectation is a
 * phrase both must contain: the missing field or the real mistake.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { STRICT_OPTIONS_JSON, compilers, formatDiagnostics, scratchDir, type CheckResult } from './compilers.js';

const fixtureText = readFileSync(fileURLToPath(new URL('./fixtures/type-state-errors.ts', import.meta.url)), 'utf8');

const expectations = fixtureText
  .split('\n')
  .map((text, index) => ({ line: index + 1, expected: /\/\/ expect: (.*)$/.exec(text)?.[1] }))
  .filter((entry): entry is { line: number; expected: string } => entry.expected !== undefined);

/** The line of the fixture that contains `code`, for checks of one message. */
function lineOf(code: string): number {
  const index = fixtureText.split('\n').findIndex((text) => text.startsWith(code));
  if (index < 0) throw new Error(`the fixture has no line starting with ${code}`);
  return index + 1;
}

describe.each(compilers)('compiler messages under $name', (compiler) => {
  /** Messages of the fixture, as `line → every message on it`. */
  const byLine = new Map<number, string>();
  let result: CheckResult;

  beforeAll(async () => {
    // The fixture is compiled from a scratch directory at the project root, one level
    // up from test/fixtures, so its import of the sources is rewritten to match.
    const file = join(scratchDir(), 'type-state-errors.ts');
    result = await compiler.checkAsync(new Map([[file, fixtureText.replace("'../../src/index.js'", "'../src/index.js'")]]), {
      ...STRICT_OPTIONS_JSON,
      lib: ['ES2022'],
    });
    for (const diagnostic of result.diagnostics) {
      if (diagnostic.file !== file) continue;
      byLine.set(diagnostic.line, [byLine.get(diagnostic.line), diagnostic.message].filter(Boolean).join('\n'));
    }
  }, 300_000);

  it('the fixture has expectations', () => {
    expect(expectations.length).toBeGreaterThanOrEqual(15);
  });

  it.each(expectations)('line $line says: $expected', ({ line, expected }) => {
    expect(byLine.get(line)).toContain(expected);
  });

  it('names the missing Engine in the first line of the message', () => {
    const firstLine = (byLine.get(lineOf("Task.batch().name('main').build();")) ?? '').split('\n')[0];
    // TypeScript 6 leads with the `this` mismatch, TypeScript 7 with the missing member,
    // which is named by the message itself: both say what to call.
    expect(firstLine).toContain('Engine is not set: call .engine(…) before .build()');
  });

  it('reports no errors outside the marked lines', () => {
    const marked = new Set(expectations.map((e) => e.line));
    const unexpected = result.diagnostics.filter((d) => !marked.has(d.line));
    expect(formatDiagnostics(unexpected)).toEqual([]);
  });
});
