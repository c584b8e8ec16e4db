/**
 * The Go-template trap: `bacalhau job run` runs a job file through Go's
 * `text/template` (unless `--no-template`), so any `{{` in the spec is
 * evaluated, and an unknown variable fails the run.
 *
 * @module
 */
import { childPath, indexPath, isPlainObject, type Report } from '../core/report.js';

const VALUE_MESSAGE = "contains '{{': `bacalhau job run` evaluates the file as a Go template (pass -V values, use --no-template, or write {{\"{{\"}})";
const KEY_MESSAGE = "key contains '{{', which `bacalhau job run` evaluates as a Go template";

/**
 * Warns about every string under `value` that contains `{{`. Iterative, so deep
 * nesting cannot overflow the stack; strings are checked where they are found,
 * and only lists and maps wait on the stack. A cycle (the rules report it as
 * `json-value`) is walked once: a container already on its own path is skipped.
 *
 * Most specs have no `{{` at all, so no path is built until a warning needs
 * one: each container found is recorded with its parent and its key in the
 * parent, and a path is the chain of keys back to the root.
 */
export function checkTemplates(value: unknown, path: string, report: Report): void {
  if (typeof value === 'string') {
    if (value.includes('{{')) report.warn(path, 'template', VALUE_MESSAGE);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  // Parallel lists, one entry per container found: the container, its parent's entry, its key there.
  const containers: object[] = [value];
  const parents: number[] = [-1];
  const keys: (string | number)[] = [''];
  const pending: number[] = [0];
  const pathOf = (entry: number, key: string | number): string => {
    const chain: (string | number)[] = [key];
    for (let at = entry; at > 0; at = parents[at]!) chain.push(keys[at]!);
    let built = path;
    for (let index = chain.length - 1; index >= 0; index--) {
      const segment = chain[index]!;
      built = typeof segment === 'number' ? indexPath(built, segment) : childPath(built, segment);
    }
    return built;
  };
  const visit = (entry: number, key: string | number, item: unknown): void => {
    if (typeof item === 'string') {
      if (item.includes('{{')) report.warn(pathOf(entry, key), 'template', VALUE_MESSAGE);
    } else if (typeof item === 'object' && item !== null) {
      pending.push(containers.length);
      containers.push(item);
      parents.push(entry);
      keys.push(key);
    }
  };
  while (pending.length > 0) {
    const entry = pending.pop()!;
    const container = containers[entry]!;
    if (isOwnAncestor(container, entry, containers, parents)) continue;
    if (Array.isArray(container)) {
      for (let index = 0; index < container.length; index++) visit(entry, index, container[index]);
    } else if (isPlainObject(container)) {
      for (const key of Object.keys(container)) {
        if (key.includes('{{')) report.warn(pathOf(entry, key), 'template', KEY_MESSAGE);
        visit(entry, key, container[key]);
      }
    }
  }
}

/** Whether `container` (recorded at `entry`) is also one of its own ancestors: a cycle. */
function isOwnAncestor(container: object, entry: number, containers: readonly object[], parents: readonly number[]): boolean {
  for (let at = parents[entry]!; at !== -1; at = parents[at]!) if (containers[at] === container) return true;
  return false;
}
