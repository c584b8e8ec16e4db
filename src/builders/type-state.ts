/**
 * The builders' type-state machine: which fields a task and a job must have
 * before `.build()` compiles, and the compile-time message that names the
 * missing ones. A builder's state is the union of the required fields already
 * set (`'name' | 'engine'`); a method that needs more takes a `this` of
 * {@link BuildableWhen} or {@link JobBuildableWhen}, which is `unknown` once
 * every field is set and a {@link TypeStateError} otherwise.
 *
 * Messages are built from one field → label table ({@link RequiredFieldLabels})
 * and the order the fields are named in, so a new required field is one more
 * row, not twice as many hand-written messages.
 *
 * @module
 */

/**
 * A compile-time error in the position of a value, named after what went wrong.
 * It appears in the compiler's message when a builder call is not allowed yet,
 * e.g. `TypeStateError<"Engine is not set: call .engine(…) before .build()">`.
 *
 * Its one property is named by the message itself: TypeScript 7 reports a
 * failed `this` check only as the missing property, so the property's name is
 * what the user reads there ("Property 'Engine is not set: …' is missing").
 *
 * @example
 * ```ts
 * import type { TypeStateError } from 'bacalhau-jobs';
 * type Shown = TypeStateError<'Engine is not set: call .engine(…) before .build()'>;
 * ```
 *
 * @group Builders
 */
export type TypeStateError<Message extends string> = { readonly [Key in Message]: never };

/**
 * The fields a task must have before `.build()` compiles.
 *
 * @example
 * ```ts
 * import type { RequiredTaskField } from 'bacalhau-jobs';
 * const field: RequiredTaskField = 'engine';
 * ```
 *
 * @group Builders
 */
export type RequiredTaskField = 'name' | 'engine';

/**
 * The fields a job must have before `.build()` compiles (its name is given when it starts).
 *
 * @example
 * ```ts
 * import type { RequiredJobField } from 'bacalhau-jobs';
 * const field: RequiredJobField = 'task';
 * ```
 *
 * @group Builders
 */
export type RequiredJobField = 'task';

/**
 * Keys of the type-state members of the task and job builder interfaces:
 * symbols that exist only in types. The member carries the job type and the
 * state in the structure, so builders in different states are different
 * types; the implementation classes declare it and never set it.
 */
export declare const typeState: unique symbol;
export declare const jobTypeState: unique symbol;

/** How messages name each required field, and the call that sets it. */
interface RequiredFieldLabels {
  readonly name: { readonly field: 'Name'; readonly call: '.name(…)' };
  readonly engine: { readonly field: 'Engine'; readonly call: '.engine(…)' };
  readonly task: { readonly field: 'Task'; readonly call: '.task(…)' };
}

export type RequiredField = keyof RequiredFieldLabels;

/** The order messages name a task's and a job's required fields in. */
type TaskFieldOrder = readonly ['name', 'engine'];
type JobFieldOrder = readonly ['task'];

/** The fields of `Order` that are not in `Set`, in order. */
type MissingFields<Order extends readonly RequiredField[], Set> = Order extends readonly [
  infer First extends RequiredField,
  ...infer Rest extends readonly RequiredField[],
]
  ? First extends Set
    ? MissingFields<Rest, Set>
    : [First, ...MissingFields<Rest, Set>]
  : [];

/** One label of each field, in order. */
type LabelsOf<Fields extends readonly RequiredField[], Part extends 'field' | 'call'> = { [Index in keyof Fields]: RequiredFieldLabels[Fields[Index]][Part] };

/** `['A']` → `A`; `['A', 'B']` → `A and B`; `['A', 'B', 'C']` → `A, B and C`. */
type Listed<Words extends readonly string[]> = Words extends readonly [infer Only extends string]
  ? Only
  : Words extends readonly [infer First extends string, infer Last extends string]
    ? `${First} and ${Last}`
    : Words extends readonly [infer First extends string, ...infer Rest extends readonly string[]]
      ? `${First}, ${Listed<Rest>}`
      : never;

/** The message for the fields of `Order` missing from `Set` before `Call`, or `never` when none is missing. */
export type MissingMessage<Order extends readonly RequiredField[], Set, Call extends string = '.build()'> =
  MissingFields<Order, Set> extends infer Missing extends readonly RequiredField[]
    ? Missing extends readonly []
      ? never
      : `${Listed<LabelsOf<Missing, 'field'>>} ${Missing extends readonly [RequiredField] ? 'is' : 'are'} not set: call ${Listed<LabelsOf<Missing, 'call'>>} before ${Call}`
    : never;

/**
 * `unknown` (no objection) when every field of `Order` is in `Set`, else the
 * error that names the missing ones. The usual case is tested first, so that a
 * builder that is ready costs no message.
 */
type AllowedWhen<Order extends readonly RequiredField[], Set, Call extends string> = [Exclude<Order[number], Set>] extends [never]
  ? unknown
  : TypeStateError<MissingMessage<Order, Set, Call>>;

/**
 * The message naming the fields `.build()` still needs, or `never` when none are missing.
 *
 * @example
 * ```ts
 * import type { MissingFieldsMessage } from 'bacalhau-jobs';
 * type Message = MissingFieldsMessage<'name'>; // 'Engine is not set: call .engine(…) before .build()'
 * ```
 *
 * @group Builders
 */
export type MissingFieldsMessage<Set extends RequiredTaskField> = MissingMessage<TaskFieldOrder, Set>;

/**
 * The `this` type `.build()` demands: anything once every required field is
 * set, otherwise a {@link TypeStateError} whose text names what is missing.
 *
 * @example
 * ```ts
 * import type { BuildableWhen } from 'bacalhau-jobs';
 * type Ready = BuildableWhen<'name' | 'engine'>; // unknown
 * type NotReady = BuildableWhen<'name'>; // TypeStateError<'Engine is not set: …'>
 * ```
 *
 * @group Builders
 */
export type BuildableWhen<Set extends RequiredTaskField> = AllowedWhen<TaskFieldOrder, Set, '.build()'>;

/**
 * The `this` type of the job builder methods that need a task (`.build()`, and
 * `.updateTask(…)` with `Call` = `'.updateTask(…)'`): anything once a task is
 * set, otherwise a {@link TypeStateError} naming the missing task and the call.
 *
 * @example
 * ```ts
 * import type { JobBuildableWhen } from 'bacalhau-jobs';
 * type NotReady = JobBuildableWhen<never>; // TypeStateError<'Task is not set: call .task(…) before .build()'>
 * type NotYet = JobBuildableWhen<never, '.updateTask(…)'>; // TypeStateError<'Task is not set: call .task(…) before .updateTask(…)'>
 * type Ready = JobBuildableWhen<'task'>; // unknown
 * ```
 *
 * @typeParam Set - the job builder's type-state.
 * @typeParam Call - the call that needs the task, as the message shows it.
 *
 * @group Builders
 */
export type JobBuildableWhen<Set extends RequiredJobField, Call extends string = '.build()'> = AllowedWhen<JobFieldOrder, Set, Call>;
