/**
 * `validate <file...>`: checks YAML or JSON job files with the SDK's rules and
 * prints each problem as `file:line:column: …`.
 *
 * @module
 */
import { readFile } from 'node:fs/promises';
import { safeParseJob } from '../index.js';
import { CliError, problemLine } from './output.js';

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ENOENT') throw new CliError(`${file}: no such file`);
    if (code === 'EISDIR') throw new CliError(`${file}: is a directory, not a job file`);
    throw new CliError(`${file}: cannot read: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Validates every file (all of them, even after a failure); 0 when all are valid. */
export async function validate(files: readonly string[], stdout: (text: string) => void, stderr: (text: string) => void): Promise<number> {
  let failed = 0;
  for (const file of files) {
    let text: string;
    try {
      text = await readText(file);
    } catch (error) {
      stderr(`${(error as Error).message}`);
      failed++;
      continue;
    }
    const result = safeParseJob(text);
    for (const problem of result.problems) stderr(problemLine(file, problem));
    for (const warning of result.warnings) stderr(problemLine(file, warning, 'warning'));
    if (result.valid) stdout(`${file}: valid ${result.spec.Type} job${result.warnings.length > 0 ? ` (${result.warnings.length} warnings)` : ''}`);
    else failed++;
  }
  if (files.length > 1) stdout(`${files.length - failed} of ${files.length} files valid`);
  return failed > 0 ? 1 : 0;
}
