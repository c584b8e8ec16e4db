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

const VALUE_MESSAGE = "contains '{{': `bacalhau job run` evaluates the file as a Go template (pass -V values, use --no-template, or write {{\"{{\"}})";
const KEY_MESSAGE = "key contains '{{', which `bacalhau job run` evaluates as a Go template";

/** A list or map still to walk, with its path (built only when needed) and its depth. */
interface Frame {
  readonly value: object;
  readonly at: LazyPath;
  readonly depth: number;
}

/**
 * Warns about every string under `value` that contains `{{`. Iterative, so deep
 * nesting cannot overflow the stack; strings are checked where they are found,
 * and only lists and maps wait on the stack. A cycle (the rules report it as
 * `json-value`) is walked once: a container already on the current path is skipped.
 */
export function checkTemplates(value: unknown, path: string, report: Report): void {
  if (typeof value === 'string') {
    if (value.includes('{{')) report.warn(path, 'template', VALUE_MESSAGE);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const pending: Frame[] = [{ value, at: () => path, depth: 0 }];
  // The containers from the root to the current one: depth-first, so a frame's depth says how many are its ancestors.
  const ancestors: object[] = [];
  while (pending.length > 0) {
    const { value: next, at, depth } = pending.pop() as Frame;
    ancestors.length = depth;
    if (ancestors.includes(next)) continue;
    ancestors.push(next);
    if (Array.isArray(next)) {
      for (let index = 0; index < next.length; index++) {
        const item: unknown = next[index];
        if (typeof item === 'string') {
          if (item.includes('{{')) report.warn(indexPath(at(), index), 'template', VALUE_MESSAGE);
        } else if (typeof item === 'object' && item !== null) {
          pending.push({ value: item, at: () => indexPath(at(), index), depth: depth + 1 });
        }
      }
    } else if (isPlainObject(next)) {
      for (const key of Object.keys(next)) {
        const item = next[key];
        if (key.includes('{{')) report.warn(childPath(at(), key), 'template', KEY_MESSAGE);
        if (typeof item === 'string') {
          if (item.includes('{{')) report.warn(childPath(at(), key), 'template', VALUE_MESSAGE);
        } else if (typeof item === 'object' && item !== null) {
          pending.push({ value: item, at: () => childPath(at(), key), depth: depth + 1 });
        }
      }
    }
  }
}
