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

/**
 * A problem as the CLI prints it: the SDK's problems, and the CLI's own checks (whose rules the SDK
 * does not list). The line shows `path`, so the CLI's own checks need no `segments`.
 */
export type Reportable = Omit<Problem, 'rule' | 'segments'> & { readonly rule: string };

/** `where: path: message (rule)`, where `where` is `file:line:column` for text and a name otherwise. */
export function problemLine(where: string, problem: Reportable, severity: 'error' | 'warning' = 'error'): string {
  const position = problem.line === undefined ? where : `${where}:${problem.line}:${problem.column ?? 1}`;
  const path = problem.path === '' ? '' : `${problem.path}: `;
  const text = `${position}: ${severity}: ${path}${problem.message} (${problem.rule})`;
  // One problem, one line, whatever the input contained.
  return text.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
}

/** `1 warning`, `2 warnings`, `0 files`: the count and the noun, plural unless the count is 1. */
export function plural(count: number, noun: string, pluralNoun = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : pluralNoun}`;
}
