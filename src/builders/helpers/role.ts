/**
 * Role marks for `{ Type, Params }` objects: what a typed helper's result is
 * for. `ipfs`, `s3` and `local` are both publisher and source types, so the
 * shape alone cannot tell `.engine(publisher.s3(…))` from a mistake; the mark
 * can, at compile time.
 *
 * The mark is an optional member keyed by a symbol that exists only in types:
 * raw `{ Type, Params }` objects (and specs read from files) have no mark and
 * stay accepted everywhere; only a helper's result for another role is refused.
 *
 * @module
 */
import type { JsonObject } from '../../core/json.js';
import type { TypeStateError } from '../type-state.js';
import type { SpecConfig } from '../../schema/wire.js';

/** Key of the role mark: a symbol that exists only in types. */
declare const role: unique symbol;

export type { SpecRole } from '../../schema/description.js';
import type { SpecRole } from '../../schema/description.js';

/**
 * How each role reads in a sentence, and the builder method that takes it: the
 * compile-time message ({@link RoleChecked}) and the builders' run-time
 * `helper-role` problem use the same words.
 */
export const ROLE_WORDS = Object.freeze({
  engine: Object.freeze({ plural: 'engines', method: '.engine(…)' }),
  publisher: Object.freeze({ plural: 'publishers', method: '.publisher(…)' }),
  source: Object.freeze({ plural: 'input sources', method: '.input(…)' }),
} as const);

/**
 * `Spec` itself when it may be used as `Wanted` (a raw object without a role
 * mark, or a helper's result for that role), otherwise a {@link TypeStateError}
 * naming the helper's role and the method that takes it.
 *
 * The parameter becomes the error alone, not `Spec & error`: with
 * `exactOptionalPropertyTypes`, an intersection with `Spec` made the compiler
 * lead with advice about `undefined` instead of the mistake.
 *
 * @example
 * ```ts
 * import type { PublisherConfig, RoleChecked } from 'bacalhau-jobs';
 * type Refused = RoleChecked<PublisherConfig<'s3'>, 'engine'>;
 * // TypeStateError<"Results of publisher.* helpers are not engines: pass them to .publisher(…)">
 * ```
 *
 * @group Builders
 */
export type RoleChecked<Spec, Wanted extends SpecRole> = Spec extends { readonly [role]?: infer Got extends SpecRole }
  ? [Got] extends [Wanted]
    ? Spec
    : TypeStateError<`Results of ${Got}.* helpers are not ${(typeof ROLE_WORDS)[Wanted]['plural']}: pass them to ${(typeof ROLE_WORDS)[Got]['method']}`>
  : Spec;

/**
 * An engine `{ Type, Params }`: what `.engine(…)` accepts and `engine.*` helpers
 * return. A raw object qualifies; a publisher or source helper's result does not.
 *
 * @example
 * ```ts
 * import { engine, type EngineConfig } from 'bacalhau-jobs';
 * const fromHelper: EngineConfig = engine.docker('alpine:3.20');
 * const raw: EngineConfig = { Type: 'flibble', Params: { Some: 'data' } };
 * ```
 *
 * @group Spec types
 */
export type EngineConfig<T extends string = string, P extends JsonObject = JsonObject> = SpecConfig<T, P> & {
  /** @hidden exists only in types */
  readonly [role]?: 'engine';
};

/**
 * A publisher `{ Type, Params }`: what `.publisher(…)` accepts and `publisher.*`
 * helpers return. A raw object qualifies; an engine or source helper's result does not.
 *
 * @example
 * ```ts
 * import { publisher, type PublisherConfig } from 'bacalhau-jobs';
 * const fromHelper: PublisherConfig = publisher.ipfs();
 * const raw: PublisherConfig = { Type: 'local' };
 * ```
 *
 * @group Spec types
 */
export type PublisherConfig<T extends string = string, P extends JsonObject = JsonObject> = SpecConfig<T, P> & {
  /** @hidden exists only in types */
  readonly [role]?: 'publisher';
};

/**
 * An input source `{ Type, Params }`: what `.input(…)` accepts and `source.*`
 * helpers return. A raw object qualifies; an engine or publisher helper's result does not.
 *
 * @example
 * ```ts
 * import { source, type SourceConfig } from 'bacalhau-jobs';
 * const fromHelper: SourceConfig = source.ipfs('QmY7Yh4UquoXHLPFo2XbhXkhBvFoPwmQUSa92pxnxjQuPU');
 * const raw: SourceConfig = { Type: 'urlDownload', Params: { URL: 'https://example.com/a.csv' } };
 * ```
 *
 * @group Spec types
 */
export type SourceConfig<T extends string = string, P extends JsonObject = JsonObject> = SpecConfig<T, P> & {
  /** @hidden exists only in types */
  readonly [role]?: 'source';
};
