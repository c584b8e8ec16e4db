/**
 * The result of validating a spec: valid with the spec, or invalid with every
 * problem; the builders' `.validate()`, the readers' `safeParse*` and the
 * client share it.
 *
 * @module
 */
import type { Problem } from './errors.js';
import type { Report } from './report.js';

/**
 * What `.validate()` returns: the spec when it is valid, and every problem and
 * warning either way. It never throws, which suits UIs that show problems
 * next to form fields (each problem's `segments` locate it without parsing
 * its `path`). `safeParseJob` and `safeParseTask` return the same, plus the
 * spec as read when it is invalid (see `ParseResult`); a builder needs no
 * such draft, as it is one itself.
 *
 * @example
 * ```ts
 * import { Task, engine, type Validated, type TaskSpec } from 'bacalhau-jobs';
 *
 * const result: Validated<TaskSpec<'batch'>> = Task.batch().engine(engine.docker('alpine')).validate();
 * if (!result.valid) console.log(result.problems.map((p) => p.path)); // ['Name']
 * ```
 *
 * @group Builders
 */
export type Validated<Spec> = ValidResult<Spec> | InvalidResult;

/**
 * The valid case of {@link Validated} (and of `ParseResult`): the spec, no problems.
 *
 * @example
 * ```ts
 * import { Task, engine, type ValidResult, type TaskSpec } from 'bacalhau-jobs';
 *
 * const result = Task.batch().name('main').engine(engine.docker('alpine')).validate();
 * if (result.valid) {
 *   const ok: ValidResult<TaskSpec<'batch'>> = result;
 * }
 * ```
 *
 * @group Validation
 */
export interface ValidResult<Spec> {
  /** No problems: `spec` is the spec built or read. */
  readonly valid: true;
  /** The spec, deeply frozen. */
  readonly spec: Spec;
  /** Empty. */
  readonly problems: readonly Problem[];
  /** Things worth a look that do not make the spec invalid. */
  readonly warnings: readonly Problem[];
}

/**
 * The invalid case of {@link Validated}: every problem, no spec.
 *
 * @example
 * ```ts
 * import { Task, engine, type InvalidResult } from 'bacalhau-jobs';
 *
 * const result = Task.batch().engine(engine.docker('alpine')).validate();
 * if (!result.valid) {
 *   const failed: InvalidResult = result; // failed.problems[0].path === 'Name'
 * }
 * ```
 *
 * @group Validation
 */
export interface InvalidResult {
  /** There are problems: no spec. */
  readonly valid: false;
  /** Absent, since the spec is invalid. */
  readonly spec: undefined;
  /** Every problem, with its path and rule. */
  readonly problems: readonly Problem[];
  /** Things worth a look that do not make the spec invalid. */
  readonly warnings: readonly Problem[];
}

/** `.validate()`'s result: the spec (made only when there are no problems) and every problem and warning. */
export function validated<Spec>(report: Report, spec: () => Spec): Validated<Spec> {
  const problems: readonly Problem[] = Object.freeze(report.problems);
  const warnings: readonly Problem[] = Object.freeze(report.warnings);
  return problems.length === 0
    ? Object.freeze({ valid: true, spec: spec(), problems, warnings })
    : Object.freeze({ valid: false, spec: undefined, problems, warnings });
}
