import { expectAssignable, expectError, expectNotAssignable, expectType } from 'tsd';
import {
  Job,
  Task,
  engine,
  parseJob,
  publisher,
  type JobBuilder,
  type JobSpec,
  type JobSpecOf,
  type JobType,
  type PublishingTaskBuilder,
  type ScalableJobBuilder,
  type TaskBuilder,
  type TaskSpec,
} from 'bacalhau-jobs';

const docker = engine.docker('alpine:3.20');

// Builders in each state.
expectType<ScalableJobBuilder<'batch', never>>(Job.batch('a'));
expectType<ScalableJobBuilder<'service', never>>(Job.service('a'));
expectType<JobBuilder<'ops', never>>(Job.ops('a'));
expectType<JobBuilder<'daemon', never>>(Job.daemon('a'));
expectType<ScalableJobBuilder<'batch', 'task'>>(Job.batch('a').task((t) => t.name('m').engine(docker)));
expectType<JobBuilder<'ops', 'task'>>(Job.ops('a').namespace('n').priority(1).label('k', 'v').task((t) => t.name('m').engine(docker)).meta('k', 'v'));

// .count() exists only for batch and service jobs.
expectError(Job.ops('a').count(2));
expectError(Job.daemon('a').count(1));
expectType<ScalableJobBuilder<'batch', never>>(Job.batch('a').count(2));
expectType<ScalableJobBuilder<'service', never>>(Job.service('a').count(0));

// .build() needs a task.
expectError(Job.batch('a').build());
expectError(Job.daemon('a').label('k', 'v').build());
expectType<JobSpec<'batch'>>(Job.batch('a').task((t) => t.name('m').engine(docker)).build());
expectType<JobSpec<'daemon'>>(Job.daemon('a').task(Task.daemon().name('m').engine(docker)).build());

// .task() takes only tasks of the same job type, and only complete ones.
expectError(Job.batch('a').task(Task.service().name('m').engine(docker)));
expectError(Job.batch('a').task(Task.service().name('m').engine(docker).build()));
expectError(Job.service('a').task(Task.batch().name('m').engine(docker).build()));
expectError(Job.batch('a').task(Task.batch().name('m')));
expectError(Job.batch('a').task((t) => t.name('m')));
expectError(Job.service('a').task((t) => t.name('m').engine(docker).publisher({ Type: 'ipfs' })));
expectType<ScalableJobBuilder<'batch', 'task'>>(Job.batch('a').task(Task.batch().name('m').engine(docker).build()));
expectType<ScalableJobBuilder<'batch', 'task'>>(Job.batch('a').task(Task.batch().name('m').engine(docker)));
expectType<ScalableJobBuilder<'batch', 'task'>>(Job.batch('a').task((t) => t.name('m').engine(docker).publisher({ Type: 'ipfs' }).resultPath('o', '/o')));

// Reserved Meta keys do not compile, in both forms.
expectError(Job.batch('a').meta('bacalhau.org/requester.id', 'x'));
expectError(Job.batch('a').meta({ owner: 'me', 'bacalhau.org/x': 'y' }));
expectType<ScalableJobBuilder<'batch', never>>(Job.batch('a').meta('owner', 'me').meta({ team: 'data', 'example.org/x': 'y' }));

// Constraint operators and their value counts.
expectType<ScalableJobBuilder<'batch', never>>(Job.batch('a').constraint('GPU-0', 'exists').constraint('gone', '!'));
expectType<ScalableJobBuilder<'batch', never>>(Job.batch('a').constraint('region', 'in', ['eu', 'us']).constraint('os', '=', ['linux']).constraint('cpus', 'gt', ['4']));
expectError(Job.batch('a').constraint('GPU-0', 'exists', ['x']));
expectError(Job.batch('a').constraint('region', 'in'));
expectError(Job.batch('a').constraint('region', 'in', []));
expectError(Job.batch('a').constraint('os', '=', ['linux', 'darwin']));
expectError(Job.batch('a').constraint('os', 'In', ['linux']));
declare const regions: string[];
declare const someRegions: readonly [string, ...string[]];
expectError(Job.batch('a').constraint('region', 'in', regions));
expectType<ScalableJobBuilder<'batch', never>>(Job.batch('a').constraint('region', 'notin', someRegions));
expectError(Job.batch('a').constraint('os', 'In'));

// The built job is read-only at every depth and carries its task's job type.
const job = Job.batch('a').label('k', 'v').task((t) => t.name('m').engine(docker).env('A', 'b')).build();
expectError((job.Name = 'b'));
expectError((job.Tasks[0].Name = 'b'));
expectError(job.Labels && (job.Labels['k'] = 'w'));
expectError(job.Tasks[0].Env && (job.Tasks[0].Env['A'] = 'c'));
expectType<TaskSpec<'batch'>>(job.Tasks[0]);
expectNotAssignable<JobSpec<'service'>>(job);
expectAssignable<JobSpec>(job);

// Round trips back to builders of the right type and state.
expectType<ScalableJobBuilder<'batch', 'task'>>(Job.from(job));
expectType<JobBuilder<'ops', 'task'>>(Job.from(Job.ops('o').task((t) => t.name('m').engine(docker)).build()));
expectType<JobSpec>(parseJob('Type: batch'));
// A parsed job's type is known only at run time: one builder for every job type, offering the shared methods.
expectType<JobBuilder<JobType, 'task'>>(Job.from(parseJob('Type: batch')));
expectError(Job.from(parseJob('Type: batch')).count(2));

// JobSpec is a union discriminated by Type: checking Type narrows it.
declare const anySpec: JobSpec;
expectType<JobSpecOf<'batch'> | JobSpecOf<'ops'> | JobSpecOf<'service'> | JobSpecOf<'daemon'>>(anySpec);
if (anySpec.Type === 'batch') {
  expectType<JobSpecOf<'batch'>>(anySpec);
  expectType<TaskSpec<'batch'>>(anySpec.Tasks[0]);
  expectType<ScalableJobBuilder<'batch', 'task'>>(Job.from(anySpec).count(2));
}
if (anySpec.Type === 'daemon') expectError(Job.from(anySpec).count(2));
expectType<JobSpec<'batch'>>(Job.batch('a').task((t) => t.name('m').engine(docker).publisher(publisher.local())).build());
expectType<JobSpecOf<'batch'>>(Job.batch('a').task((t) => t.name('m').engine(docker).publisher(publisher.local())).build());

// Job.of: a job type known only at run time gives one builder whose .task(…) takes a task of any of its types.
declare const runtimeType: JobType;
declare const resultType: 'batch' | 'ops';
expectType<JobBuilder<JobType, never>>(Job.of(runtimeType, 'a'));
expectType<JobBuilder<JobType, 'task'>>(Job.of(runtimeType, 'a').task((t) => t.name('m').engine(docker)));
expectType<JobSpec>(Job.of(runtimeType, 'a').task((t) => t.name('m').engine(docker)).label('k', 'v').build());
expectType<JobBuilder<'batch' | 'ops', 'task'>>(Job.of(resultType, 'a').task((t) => t.name('m').engine(docker).publisher(publisher.ipfs())));
expectType<JobBuilder<'batch' | 'ops', 'task'>>(Job.of(resultType, 'a').task(Task.ops().name('m').engine(docker)));
expectType<ScalableJobBuilder<'batch', never>>(Job.of('batch', 'a').count(2));
expectError(Job.of(runtimeType, 'a').count(2));
expectError(Job.of(runtimeType, 'a').task((t) => t.name('m').engine(docker).publisher(publisher.ipfs())));
expectError(Job.of(runtimeType, 'a').build());
expectError(Job.of('Batch', 'a'));

// parseJob with a jobType gives a typed spec, so the type-specific methods come back.
expectType<JobSpec<'batch'>>(parseJob('Type: batch', { jobType: 'batch' }));
expectType<ScalableJobBuilder<'batch', 'task'>>(Job.from(parseJob('Type: batch', { jobType: 'batch' })).count(2));

// .name() renames a job without changing its state.
expectType<ScalableJobBuilder<'batch', 'task'>>(Job.batch('a').task((t) => t.name('m').engine(docker)).name('b'));

// Removals keep the builder's type and state.
expectType<ScalableJobBuilder<'batch', never>>(Job.batch('a').removeLabel('k').removeMeta('m').removeConstraint('region'));
expectType<JobBuilder<'daemon', 'task'>>(Job.daemon('a').task(Task.daemon().name('m').engine(docker)).removeLabel('k').removeMeta('m').removeConstraint('c'));
expectError(Job.batch('a').removeConstraint('region', 'in'));

// .updateTask() needs a task: rejected before .task(), accepted after (and on Job.from).
expectError(Job.batch('a').updateTask((t) => t));
expectError(Job.daemon('a').label('k', 'v').updateTask((t) => t.env('A', 'b')));
expectType<ScalableJobBuilder<'batch', 'task'>>(Job.batch('a').task((t) => t.name('m').engine(docker)).updateTask((t) => t.env('A', 'b')).count(2));
expectType<JobBuilder<'ops', 'task'>>(Job.ops('a').task((t) => t.name('m').engine(docker)).updateTask((t) => t.removeResultPath('o')));
expectType<ScalableJobBuilder<'batch', 'task'>>(Job.from(job).updateTask((t) => t.removeInput('/in')));
expectType<JobSpec<'service'>>(Job.service('a').task(Task.service().name('m').engine(docker)).updateTask((t) => t.removeEnv('A')).build());

// The callback gets the job type's task builder with Name and Engine set, and must return one.
Job.batch('a').task((t) => t.name('m').engine(docker)).updateTask((t) => {
  expectType<PublishingTaskBuilder<'batch', 'name' | 'engine'>>(t);
  return t;
});
Job.daemon('a').task((t) => t.name('m').engine(docker)).updateTask((t) => {
  expectType<TaskBuilder<'daemon', 'name' | 'engine'>>(t);
  return t;
});
expectError(Job.service('a').task((t) => t.name('m').engine(docker)).updateTask((t) => t.removeResultPath('o')));
expectError(Job.service('a').task((t) => t.name('m').engine(docker)).updateTask((t) => t.publisher({ Type: 'ipfs' })));
expectError(Job.batch('a').task((t) => t.name('m').engine(docker)).updateTask(() => Task.service().name('m').engine(docker)));
expectError(Job.batch('a').task((t) => t.name('m').engine(docker)).updateTask(() => Task.batch().name('m')));
expectError(Job.batch('a').task((t) => t.name('m').engine(docker)).updateTask((t) => t.build()));
