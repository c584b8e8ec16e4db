/**
 * Deep freezing, shared by the builders, the parsers and the typed helpers.
 *
 * @module
 */

/**
 * Freezes `value` and everything reachable from it, without descending into
 * objects that are already frozen: in this SDK a frozen object is always
 * deeply frozen (specs are frozen only here, and callers' objects are copied).
 * Iterative, so deeply nested Params cannot overflow the stack.
 */
export function deepFreeze<T>(value: T): T {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next !== 'object' || next === null || Object.isFrozen(next)) continue;
    Object.freeze(next);
    // Only objects wait on the stack: strings and numbers, the most of a spec, are frozen already.
    for (const key of Object.keys(next)) {
      const child: unknown = (next as Record<string, unknown>)[key];
      if (typeof child === 'object' && child !== null) pending.push(child);
    }
  }
  return value;
}
