/**
 * The Go-template trap: `bacalhau job run` runs a job file through Go's
 * `text/template` (unless `--no-template`), so any `{{` in the spec is
 * evaluated, and an unknown variable fails the run.
 *
 * @module
 */
import { childPath, indexPath, isPlainObject, type Report } from './report.js';

/** A path built only when needed: most specs have no `{{` at all. */
type LazyPath = () => string;

/** Warns about every string under `value` that contains `{{`. Iterative, so deep nesting cannot overflow the stack. */
export function checkTemplates(value: unknown, path: string, report: Report): void {
  const pending: [unknown, LazyPath][] = [[value, () => path]];
  // Each list and map once: a cycle (reported as json-value by the rules) must not loop here.
  const seen = new WeakSet<object>();
  while (pending.length > 0) {
    const [next, at] = pending.pop() as [unknown, LazyPath];
    if (typeof next === 'object' && next !== null) {
      if (seen.has(next)) continue;
      seen.add(next);
    }
    if (typeof next === 'string') {
      if (next.includes('{{')) {
        report.warn(at(), 'template', "contains '{{': `bacalhau job run` evaluates the file as a Go template (pass -V values, use --no-template, or write {{\"{{\"}})");
      }
    } else if (Array.isArray(next)) {
      next.forEach((item, index) => pending.push([item, () => indexPath(at(), index)]));
    } else if (isPlainObject(next)) {
      for (const [key, item] of Object.entries(next)) {
        if (key.includes('{{')) report.warn(childPath(at(), key), 'template', "key contains '{{', which `bacalhau job run` evaluates as a Go template");
        pending.push([item, () => childPath(at(), key)]);
      }
    }
  }
}
