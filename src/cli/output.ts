/**
 * How the CLI reports: problems one per line, errors as one readable line.
 *
 * @module
 */
import type { Problem } from '../index.js';

/** An error the CLI reports as one line and an exit code; no stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** `where: path: message (rule)`, where `where` is `file:line:column` for text and a name otherwise. */
export function problemLine(where: string, problem: Problem, severity: 'error' | 'warning' = 'error'): string {
  const position = problem.line === undefined ? where : `${where}:${problem.line}:${problem.column ?? 1}`;
  const path = problem.path === '' ? '' : `${problem.path}: `;
  const text = `${position}: ${severity}: ${path}${problem.message} (${problem.rule})`;
  // One problem, one line, whatever the input contained.
  return text.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
}
