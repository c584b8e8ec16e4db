/**
 * The compiler messages quoted in the type-state guide are the compilers' own.
 * Each `###` section of "What the compiler stops" pairs code marked `// ✗` with
 * the messages it gives. Under every TypeScript a user may install (6 and 7),
 * the first line of each error on a `✗` line must be quoted in its section,
 * and every quoted `error TS…` line must come from one of the compilers: when
 * a compiler words a message differently, the guide shows both forms.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { STRICT_OPTIONS_JSON, compilers, scratchDir, type CheckResult } from './compilers.js';

const guide = readFileSync(fileURLToPath(new URL('../docs/type-state.md', import.meta.url)), 'utf8');

interface Section {
  readonly title: string;
  /** Code blocks (```ts) of the section. */
  readonly code: readonly string[];
  /** `TSnnnn: first line` of every `error TS…` line quoted in the section's ```text blocks. */
  readonly quoted: readonly string[];
}

function sectionsOf(markdown: string): Section[] {
  const start = markdown.indexOf('## What the compiler stops');
  if (start < 0) throw new Error("docs/type-state.md has no '## What the compiler stops' section");
  const end = markdown.indexOf('\n## ', start + 1);
  const body = markdown.slice(start, end < 0 ? undefined : end);
  return body
    .split(/\n### /)
    .slice(1)
    .map((chunk) => {
      const blocks = [...chunk.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map(([, language, text]) => ({ language, text: text ?? '' }));
      return {
        title: chunk.slice(0, chunk.indexOf('\n')),
        code: blocks.filter((b) => b.language === 'ts').map((b) => b.text),
        quoted: blocks
          .filter((b) => b.language === 'text')
          .flatMap((b) => b.text.split('\n'))
          .filter((line) => line.startsWith('error TS'))
          .map((line) => line.slice('error '.length)),
      };
    })
    .filter((section) => section.code.some((code) => code.includes('// ✗')));
}

const sections = sectionsOf(guide);

/** Each compiler's diagnostics of every code block, by the block's file name (`s<section>-b<block>.ts`). */
const firstLinesByCompiler = new Map<string, Map<string, { line: number; first: string }[]>>();

beforeAll(async () => {
  await Promise.all(
    compilers.map(async (compiler) => {
      const directory = scratchDir();
      const files = new Map<string, string>();
      sections.forEach((section, s) => section.code.forEach((code, b) => files.set(join(directory, `s${s}-b${b}.ts`), code)));
      const result: CheckResult = await compiler.checkAsync(files, { ...STRICT_OPTIONS_JSON, lib: ['ES2022'] });
      const byFile = new Map<string, { line: number; first: string }[]>();
      for (const d of result.diagnostics) {
        const name = d.file.startsWith(directory) ? d.file.slice(directory.length + 1) : d.file;
        byFile.set(name, [...(byFile.get(name) ?? []), { line: d.line, first: `TS${d.code}: ${d.message.split('\n')[0]}` }]);
      }
      firstLinesByCompiler.set(compiler.name, byFile);
    }),
  );
}, 300_000);

const cases = sections.map((section, index) => ({ ...section, index }));

it('the guide has sections with code that fails', () => {
  expect(sections.length).toBeGreaterThanOrEqual(8);
});

describe.each(compilers)('under $name', (compiler) => {
  it.each(cases)('$title: the first line of every error on a ✗ line is quoted', (section) => {
    const byFile = firstLinesByCompiler.get(compiler.name)!;
    const problems: string[] = [];
    for (const name of byFile.keys()) {
      if (!/^s\d+-b\d+\.ts$/.test(name)) problems.push(`errors outside the guide's code: ${byFile.get(name)!.map((d) => d.first).join('; ')}`);
    }
    section.code.forEach((code, b) => {
      const lines = code.split('\n');
      const errors = byFile.get(`s${section.index}-b${b}.ts`) ?? [];
      for (const { line, first } of errors) {
        if (!lines[line - 1]?.includes('// ✗')) problems.push(`an error on a line not marked ✗ (${lines[line - 1]}): ${first}`);
        else if (!section.quoted.includes(first)) problems.push(`not quoted: error ${first}`);
      }
      lines.forEach((text, index) => {
        if (text.includes('// ✗') && !errors.some((e) => e.line === index + 1)) problems.push(`marked ✗ but compiles: ${text}`);
      });
    });
    expect(problems).toEqual([]);
  });
});

it.each(cases)('$title: every quoted message comes from a compiler', (section) => {
  const produced = new Set(
    [...firstLinesByCompiler.values()].flatMap((byFile) => section.code.flatMap((_code, b) => (byFile.get(`s${section.index}-b${b}.ts`) ?? []).map((e) => e.first))),
  );
  expect(section.quoted.filter((line) => !produced.has(line)).map((line) => `quoted but produced by no compiler: error ${line}`)).toEqual([]);
});
