/**
 * JSON value types used for free-form `Params`.
 *
 * Written here rather than taken from type-fest because type-fest's `JsonObject`
 * allows `undefined` members, which JSON cannot carry and which the SDK rejects.
 *
 * @module
 */

/**
 * A JSON scalar.
 *
 * @example
 * ```ts
 * import type { JsonPrimitive } from 'bacalhau-jobs';
 * const values: JsonPrimitive[] = ['text', 1, true, null];
 * ```
 *
 * @group Spec types
 */
export type JsonPrimitive = string | number | boolean | null;

/**
 * Any value JSON can carry.
 *
 * @example
 * ```ts
 * import type { JsonValue } from 'bacalhau-jobs';
 * const value: JsonValue = { list: [1, 'two', { three: null }] };
 * ```
 *
 * @group Spec types
 */
export type JsonValue = JsonPrimitive | JsonObject | readonly JsonValue[];

/**
 * A JSON object, such as the `Params` of a custom engine.
 *
 * @example
 * ```ts
 * import type { JsonObject } from 'bacalhau-jobs';
 * const params: JsonObject = { Some: 'data', Nested: { Count: 2 } };
 * ```
 *
 * @group Spec types
 */
export type JsonObject = { readonly [key: string]: JsonValue };
