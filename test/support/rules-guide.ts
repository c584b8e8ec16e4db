/**
 * The rules guide (docs/rules.md) read as data: one section per rule, each
 * with its summary and a wrong and a right example, and the job a fragment
 * example stands for. Shared by the guide's own test and the field-rules test.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';

const guide = readFileSync(fileURLToPath(new URL('../../docs/rules.md', import.meta.url)), 'utf8');

export const BASE_TASK = { Name: 'main', Engine: { Type: 'docker', Params: { Image: 'alpine:3.20' } }, Publisher: { Type: 'local' } };
export const BASE_JOB = { Name: 'example', Type: 'batch', Tasks: [BASE_TASK] };

/** One example: `scope` says how to read it (`task`/`job` fragment, whole `file`, or `code`). */
export interface Example {
  readonly scope: string;
  readonly language: string;
  readonly code: string;
}

export interface Section {
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

/** The guide's sections, in its order. */
export const RULES_GUIDE: readonly Section[] = sectionsOf(guide);

/**
 * The job a fragment example stands for: read as the SDK reads YAML (1.1), its
 * keys replace those of the base task or job.
 */
export function fragmentJob(example: Example): Record<string, unknown> {
  const fragment = parseYaml(example.code, { version: '1.1' }) as Record<string, unknown>;
  return example.scope === 'task' ? { ...BASE_JOB, Tasks: [{ ...BASE_TASK, ...fragment }] } : { ...BASE_JOB, ...fragment };
}
