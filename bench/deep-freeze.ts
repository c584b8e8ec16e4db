/**
 * The baseline's freeze: what a careful hand-written spec needs to be as
 * immutable as a built one. Already-frozen objects are skipped, so a literal
 * that spreads a frozen base only pays for its own new objects (the same
 * structural sharing the builders get from their update step).
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  return value;
}
