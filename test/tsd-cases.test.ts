/**
 * tsd's cases (test-d/) under every TypeScript a user may install. tsd checks
 * them with its own bundled TypeScript 5.9; this runs the same files through
 * TypeScript 6 and 7 against the built package, with a stand-in for tsd's
 * assertions that the compiler itself enforces:
 *
 * - `expectType<T>(value)` becomes `expectType<T>()(value)`, which compiles only
 *   when the value's type and `T` are mutually assignable in both directions
 *   and identical by the compiler's own equality check (as tsd's is).
 * - `expectNotAssignable<T>(value)` becomes `expectNotAssignable<T>()(value)`,
 *   which compiles only when the value is not assignable to `T`.
 * - `expectAssignable<T>(value)` and `expectError(value)` are plain calls;
 *   every `expectError(…)` must hold at least one compiler error inside its
 *   parentheses, and no error may appear anywhere else.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { beforeAll, describe, expect, it } from 'vitest';
import { STRICT_OPTIONS_JSON, compilers, formatDiagnostics, scratchDir, type CheckResult, type Diagnostic } from './compilers.js';

const testDirectory = fileURLToPath(new URL('../test-d/', import.meta.url));

/** tsd's assertions, as far as these files use them, checked by the compiler. */
const SHIM = `
type Identical<A, B> = (<G>() => G extends A ? 1 : 2) extends <G>() => G extends B ? 1 : 2 ? true : false;
export declare function expectType<T>(): <const U>(value: U, ...mismatch: Identical<T, U> extends true ? [] : [never]) => void;
export declare function expectNotAssignable<T>(): <const U>(value: U, ...assignable: [U] extends [T] ? [never] : []) => void;
export declare function expectAssignable<T>(value: T): void;
export declare function expectError<T = unknown>(value: T): void;
`;

/** A test-d file rewritten for the shim, and the lines each `expectError(…)` spans. */
interface Case {
  readonly name: string;
  readonly text: string;
  readonly expectErrorSpans: readonly { readonly first: number; readonly last: number }[];
}

function rewrite(name: string, original: string): Case {
  const source = ts.createSourceFile(name, original, ts.ScriptTarget.ES2022, true);
  const insertions: number[] = [];
  const expectErrorSpans: { first: number; last: number }[] = [];
  const lineOf = (position: number): number => source.getLineAndCharacterOfPosition(position).line + 1;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const callee = node.expression.text;
      if ((callee === 'expectType' || callee === 'expectNotAssignable') && node.typeArguments !== undefined) {
        insertions.push(node.typeArguments.end + 1); // after the closing '>'
      }
      if (callee === 'expectError') expectErrorSpans.push({ first: lineOf(node.getStart(source)), last: lineOf(node.end) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  let text = original;
  for (const at of insertions.sort((a, b) => b - a)) text = `${text.slice(0, at)}()${text.slice(at)}`;
  // Only tsd's import changes; the package itself is imported by name, as users do.
  text = text.replace(/from 'tsd';/, "from './tsd-shim.js';");
  if (text === original) throw new Error(`${name}: nothing rewritten; does it still import from 'tsd'?`);
  return { name, text, expectErrorSpans };
}

const cases = readdirSync(testDirectory)
  .filter((file) => file.endsWith('.test-d.ts'))
  .sort()
  .map((file) => rewrite(file, readFileSync(join(testDirectory, file), 'utf8')));

describe.each(compilers)("tsd's cases under $name", (compiler) => {
  const directory = scratchDir();
  const pathOf = (name: string): string => join(directory, name.replace(/\.test-d\.ts$/, '.ts'));
  let result: CheckResult;

  beforeAll(async () => {
    const files = new Map<string, string>([[join(directory, 'tsd-shim.ts'), SHIM]]);
    for (const testCase of cases) files.set(pathOf(testCase.name), testCase.text);
    result = await compiler.checkAsync(files, { ...STRICT_OPTIONS_JSON, lib: ['ES2022', 'DOM'] });
  }, 300_000);

  it('there are cases to run', () => {
    expect(cases.map((c) => c.name)).toContain('job-builder.test-d.ts');
    expect(cases.reduce((sum, c) => sum + c.expectErrorSpans.length, 0)).toBeGreaterThan(50);
  });

  describe.each(cases)('$name', (testCase) => {
    const inFile = (): Diagnostic[] => result.diagnostics.filter((d) => d.file === pathOf(testCase.name));

    it('every expectError(…) holds a compiler error', () => {
      const silent = testCase.expectErrorSpans.filter(({ first, last }) => !inFile().some((d) => d.line >= first && d.line <= last));
      expect(silent.map(({ first }) => `${testCase.name}:${first}: expectError(…) compiled without an error`)).toEqual([]);
    });

    it('nothing else fails (expectType is exact, expectNotAssignable holds)', () => {
      const stray = inFile().filter((d) => !testCase.expectErrorSpans.some(({ first, last }) => d.line >= first && d.line <= last));
      expect(formatDiagnostics(stray)).toEqual([]);
    });
  });

  it('no errors in the shim or the package', () => {
    const elsewhere = result.diagnostics.filter((d) => !cases.some((c) => d.file === pathOf(c.name)));
    expect(formatDiagnostics(elsewhere)).toEqual([]);
  });
});
