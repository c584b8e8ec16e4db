/**
 * Problems found in a spec, and the one error class the SDK throws.
 *
 * @module
 */

import type { ProblemRule } from './rules.js';

export type { ProblemRule } from './rules.js';

/**
 * One thing wrong (or, as a warning, worth a second look) in a spec.
 *
 * `path` is written the way a user reads the wire spec: `InputSources[1].Target`,
 * `Engine.Params.Image`, `Env.MY_VAR`, `Labels["a.b"]` (a key that is not an
 * identifier is quoted); inside a job it starts with `Tasks[0]`. `segments` is
 * the same place as keys and indexes, for programs that walk a spec or map
 * problems to form fields without parsing the text. An empty path (no
 * segments) means the spec itself.
 *
 * @example
 * ```ts
 * import type { Problem } from 'bacalhau-jobs';
 *
 * const problem: Problem = {
 *   path: 'Tasks[0].Engine.Params.Image',
 *   segments: ['Tasks', 0, 'Engine', 'Params', 'Image'],
 *   rule: 'required',
 *   message: 'docker engine needs an Image',
 * };
 * ```
 *
 * @group Validation
 */
export interface Problem {
  /** Where the problem is, in wire-spec notation (`InputSources[1].Target`). */
  readonly path: string;
  /**
   * The same place as `path`, as keys (strings) and list indexes (numbers):
   * `['InputSources', 1, 'Target']`, `['Labels', 'a.b']`. Empty for the spec itself.
   */
  readonly segments: readonly (string | number)[];
  /** Which rule is broken; stable, for programs. */
  readonly rule: ProblemRule;
  /** What is wrong and how to fix it; for people. */
  readonly message: string;
  /** 1-based line in the parsed text, when the spec came from YAML or JSON text. */
  readonly line?: number;
  /** 1-based column in the parsed text, when the spec came from YAML or JSON text. */
  readonly column?: number;
}

/** How many problems an error message lists before it summarises the rest. */
const MESSAGE_LIMIT = 20;

/**
 * Formats one problem as the `path: message` line used in error messages.
 *
 * @example
 * ```ts
 * import { formatProblem } from 'bacalhau-jobs';
 *
 * formatProblem({ path: 'Name', segments: ['Name'], rule: 'not-blank', message: 'must not be blank' });
 * // 'Name: must not be blank (not-blank)'
 * ```
 *
 * @group Validation
 */
export function formatProblem(problem: Problem): string {
  const path = problem.path === '' ? '(spec)' : problem.path;
  const where = problem.line === undefined ? path : `${problem.line}:${problem.column ?? 1} ${path}`;
  // Messages quote user input; escaping control characters keeps one problem on one line.
  return `${where}: ${problem.message} (${problem.rule})`.replace(/[\u0000-\u001f\u007f]/g, (c) => JSON.stringify(c).slice(1, -1));
}

/**
 * The error every SDK function throws for an invalid spec or argument.
 *
 * It carries the complete, machine-readable list of {@link Problem}s (never only the
 * first one) and any warnings found at the same time. Its `message` lists the
 * problems one per line as `path: message (rule)`, summarised after 20 lines so
 * that it stays readable even when there are thousands; the full list is always
 * in `problems`.
 *
 * @example
 * ```ts
 * import { Task, engine, BacalhauSpecError } from 'bacalhau-jobs';
 *
 * try {
 *   Task.batch().name(' ').engine(engine.docker('')).build();
 * } catch (error) {
 *   if (error instanceof BacalhauSpecError) {
 *     for (const problem of error.problems) console.log(problem.path, problem.rule);
 *     // Name not-blank
 *     // Engine.Params.Image not-blank
 *   }
 * }
 * ```
 *
 * @group Errors
 */
export class BacalhauSpecError extends Error {
  /** Every problem found, in the order found: argument problems first, then the spec from top to bottom. */
  readonly problems: readonly Problem[];
  /** Warnings found in the same pass; they did not cause the error. */
  readonly warnings: readonly Problem[];

  constructor(subject: string, problems: readonly Problem[], warnings: readonly Problem[] = []) {
    super(BacalhauSpecError.describe(subject, problems));
    this.name = 'BacalhauSpecError';
    this.problems = Object.freeze([...problems]);
    this.warnings = Object.freeze([...warnings]);
  }

  private static describe(subject: string, problems: readonly Problem[]): string {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    const shown = problems.slice(0, MESSAGE_LIMIT).map((p) => `  - ${formatProblem(p)}`);
    const hidden = problems.length - shown.length;
    if (hidden > 0) shown.push(`  … and ${hidden} more (see error.problems for the full list)`);
    return [`${subject}: ${count}`, ...shown].join('\n');
  }
}
