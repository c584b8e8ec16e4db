/**
 * The builder classes are held to their public interfaces by the compiler:
 * a copy of src/ with one public method deleted from an implementation class
 * does not type-check, for the methods of every interface (the common ones,
 * the publishing ones of batch/ops tasks, the scaling one of batch/service
 * jobs), while the unchanged copy does. Checked with TypeScript 7, the faster.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectRoot, scratchDir, typescript7 } from '../compilers.js';

const scratch = scratchDir();
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const TASK = 'src/builders/task/implementation.ts';
const JOB = 'src/builders/job/implementation.ts';

/** `source` without the method `name` of a class (from its line to the closing brace at the same indent). */
function withoutMethod(source: string, name: string): string {
  const start = source.search(new RegExp(`^  ${name}\\(`, 'm'));
  if (start === -1) throw new Error(`no method ${name}`);
  const end = source.indexOf('\n  }\n', start);
  return source.slice(0, start) + source.slice(end + '\n  }\n'.length);
}

/** The compiler's errors for a copy of src/ in which `file` is replaced by `text` (none: the copy as it is). */
function errorsWith(change?: { readonly file: string; readonly text: (source: string) => string }): string {
  rmSync(scratch, { recursive: true, force: true });
  cpSync(join(projectRoot, 'src'), join(scratch, 'src'), { recursive: true });
  const config = JSON.parse(readFileSync(join(projectRoot, 'tsconfig.json'), 'utf8')) as { compilerOptions: object };
  writeFileSync(join(scratch, 'tsconfig.json'), JSON.stringify({ ...config, compilerOptions: { ...config.compilerOptions, noEmit: true } }));
  if (change !== undefined) {
    const path = join(scratch, change.file);
    writeFileSync(path, change.text(readFileSync(path, 'utf8')));
  }
  const run = spawnSync(process.execPath, [typescript7.tsc, '-p', join(scratch, 'tsconfig.json'), '--pretty', 'false'], { encoding: 'utf8', cwd: projectRoot });
  return run.stdout + run.stderr;
}

describe('removing a method from a builder class does not compile', () => {
  it('the unchanged copy compiles', () => {
    expect(errorsWith()).toBe('');
  }, 60_000);

  it.each([
    { file: TASK, method: 'timeouts', interfaceName: 'TaskBuilder' },
    { file: TASK, method: 'removeResultPath', interfaceName: 'PublishingTaskBuilder' },
    { file: JOB, method: 'removeConstraint', interfaceName: 'JobBuilder' },
    { file: JOB, method: 'count', interfaceName: 'ScalableJobBuilder' },
  ])('$method ($interfaceName)', ({ file, method, interfaceName }) => {
    const errors = errorsWith({ file, text: (source) => withoutMethod(source, method) });
    expect(errors).toContain(`Property '${method}' is missing`);
    expect(errors).toContain(interfaceName);
  }, 60_000);
});
