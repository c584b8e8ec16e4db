/**
 * Runs the TypeScript compiler on a fixture of wrong code and checks the exact
 * messages users see: tsd's expectError proves that code fails, not what it says.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const fixture = fileURLToPath(new URL('./fixtures/type-state-errors.ts', import.meta.url));
const tsconfig = fileURLToPath(new URL('../tsconfig.json', import.meta.url));

function compilerOptions(): ts.CompilerOptions {
  const { config } = ts.readConfigFile(tsconfig, (path) => ts.sys.readFile(path));
  return ts.parseJsonConfigFileContent(config, ts.sys, fileURLToPath(new URL('..', import.meta.url))).options;
}

/** Diagnostics of the fixture, as `line → flattened message`. */
function diagnosticsByLine(): Map<number, string> {
  const program = ts.createProgram([fixture], { ...compilerOptions(), noEmit: true });
  const byLine = new Map<number, string>();
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    if (diagnostic.file?.fileName !== fixture || diagnostic.start === undefined) continue;
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    byLine.set(line + 1, [byLine.get(line + 1), text].filter(Boolean).join('\n'));
  }
  return byLine;
}

const expectations = readFileSync(fixture, 'utf8')
  .split('\n')
  .map((text, index) => ({ line: index + 1, expected: /\/\/ expect: (.*)$/.exec(text)?.[1] }))
  .filter((entry): entry is { line: number; expected: string } => entry.expected !== undefined);

describe('compiler messages for type-state errors', () => {
  const diagnostics = diagnosticsByLine();

  it('the fixture has expectations', () => {
    expect(expectations.length).toBeGreaterThanOrEqual(6);
  });

  it.each(expectations)('line $line says: $expected', ({ line, expected }) => {
    expect(diagnostics.get(line)).toContain(expected);
  });

  it('shows the missing Engine in the first line of the message', () => {
    const message = diagnostics.get(7) ?? '';
    expect(message.split('\n')[0]).toBe(
      `The 'this' context of type 'PublishingTaskBuilder<"batch", "name">' is not assignable to method's 'this' of type 'TypeStateError<"Engine is not set: call .engine(…) before .build()">'.`,
    );
  });

  it('reports no errors on lines without an expectation', () => {
    const expectedLines = new Set(expectations.map((e) => e.line));
    const unexpected = [...diagnostics.keys()].filter((line) => !expectedLines.has(line));
    expect(unexpected).toEqual([]);
  });
});
