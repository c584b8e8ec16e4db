/**
 * Type-checks every code example in the library's doc comments (the `@example`
 * and `### Examples` blocks the API reference shows), so that no example can
 * drift from the API. Each block becomes its own module, importing
 * 'bacalhau-jobs' from the sources, and all are compiled in one program.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { STRICT_OPTIONS, virtualProgram } from './virtual-program.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const sourceDir = join(root, 'src');
const entry = join(sourceDir, 'index.ts');

interface Example {
  readonly name: string;
  readonly file: string;
  readonly code: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entryInfo) => {
    const path = join(dir, entryInfo.name);
    if (entryInfo.isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** The ```ts blocks of every doc comment in `file`, named `file:line`. */
function examplesIn(file: string): Example[] {
  const text = readFileSync(file, 'utf8');
  const examples: Example[] = [];
  for (const comment of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const lines = comment[0].split('\n').map((line) => line.replace(/^\s*\*\s?/, ''));
    for (const block of lines.join('\n').matchAll(/```ts\n([\s\S]*?)```/g)) {
      const offset = (comment.index ?? 0) + (block.index ?? 0);
      const line = text.slice(0, offset).split('\n').length;
      const code = (block[1] ?? '')
        .replaceAll("from 'bacalhau-jobs/node'", `from ${JSON.stringify(join(sourceDir, 'node', 'index.js'))}`)
        .replaceAll("from 'bacalhau-jobs'", `from ${JSON.stringify(entry.replace(/\.ts$/, '.js'))}`);
      examples.push({ name: `${relative(root, file)}:${line}`, file: join(root, '__doc_examples__', `${examples.length}-${relative(sourceDir, file).replaceAll('/', '_')}`), code: `${code}\nexport {};\n` });
    }
  }
  return examples;
}

const examples = sourceFiles(sourceDir).flatMap(examplesIn);

/** Compiler messages per example, with all examples in one program. */
function check(): Map<string, string[]> {
  const byFile = new Map(examples.map((example) => [`${example.file}.ts`, example]));
  // The DOM lib gives examples `console`, as any runtime does.
  // Node's types too: the examples of the Node-only entry point compile src/node with them.
  const options = { ...STRICT_OPTIONS, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], types: ['node'] };
  const program = virtualProgram(new Map(examples.map((example) => [`${example.file}.ts`, example.code])), options);
  const messages = new Map<string, string[]>();
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const example = diagnostic.file === undefined ? undefined : byFile.get(diagnostic.file.fileName);
    const key = example?.name ?? '(library)';
    const text = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    messages.set(key, [...(messages.get(key) ?? []), text]);
  }
  return messages;
}

describe('doc comment examples', () => {
  const messages = check();

  it('there are examples to check', () => {
    expect(examples.length).toBeGreaterThan(100);
  });

  it('the library itself compiles in the examples program', () => {
    expect(messages.get('(library)')).toBeUndefined();
  });

  it.each(examples.map((example) => [example.name, example] as const))('%s compiles', (name) => {
    expect(messages.get(name) ?? []).toEqual([]);
  });
});
