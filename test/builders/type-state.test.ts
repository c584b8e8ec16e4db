/**
 * The missing-field messages come from one field → label table and an order,
 * for any number of missing fields (the builders have one or two today).
 */
import { describe, expectTypeOf, it } from 'vitest';
import type { BuildableWhen, JobBuildableWhen, MissingMessage, TypeStateError } from '../../src/builders/type-state.js';

describe('the type-state messages', () => {
  it('name each missing field and its call, in order', () => {
    expectTypeOf<MissingMessage<readonly ['name', 'engine'], 'name'>>().toEqualTypeOf<'Engine is not set: call .engine(…) before .build()'>();
    expectTypeOf<MissingMessage<readonly ['name', 'engine'], never>>().toEqualTypeOf<'Name and Engine are not set: call .name(…) and .engine(…) before .build()'>();
    expectTypeOf<MissingMessage<readonly ['name', 'engine', 'task'], never, '.run()'>>().toEqualTypeOf<
      'Name, Engine and Task are not set: call .name(…), .engine(…) and .task(…) before .run()'
    >();
    expectTypeOf<MissingMessage<readonly ['name', 'engine'], 'name' | 'engine'>>().toBeNever();
  });

  it('become the this-type of the methods that need the fields', () => {
    expectTypeOf<BuildableWhen<'name' | 'engine'>>().toBeUnknown();
    expectTypeOf<BuildableWhen<'engine'>>().toEqualTypeOf<TypeStateError<'Name is not set: call .name(…) before .build()'>>();
    expectTypeOf<JobBuildableWhen<'task'>>().toBeUnknown();
    expectTypeOf<JobBuildableWhen<never, '.updateTask(…)'>>().toEqualTypeOf<TypeStateError<'Task is not set: call .task(…) before .updateTask(…)'>>();
  });
});
