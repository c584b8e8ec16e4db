import { expectAssignable, expectError, expectType } from 'tsd';
import {
  Job,
  Task,
  safeParseJob,
  safeParseTask,
  type JobBuilder,
  type JobDraft,
  type JobSpec,
  type JobType,
  type JobWire,
  type ParseResult,
  type Problem,
  type PublishingTaskBuilder,
  type ScalableJobBuilder,
  type TaskDraft,
  type TaskSpec,
  type TaskWire,
  type Validated,
} from 'bacalhau-jobs';

// The parsers' results carry the draft type of their job type, and go wherever a Validated does.
const job = safeParseJob('Type: batch', { jobType: 'batch' });
expectType<ParseResult<JobSpec<'batch'>, JobDraft<'batch'>>>(job);
expectAssignable<Validated<JobSpec<'batch'>>>(job);
expectType<ParseResult<JobSpec, JobDraft>>(safeParseJob('Type: batch'));
const task = safeParseTask('Name: main', { jobType: 'ops' });
expectType<ParseResult<TaskSpec<'ops'>, TaskDraft<'ops'>>>(task);
expectAssignable<Validated<TaskSpec<'ops'>>>(task);

// Only a failed result has a draft, and it may be absent: it must be checked before use.
expectError(job.draft);
if (job.valid) {
  expectType<JobSpec<'batch'>>(job.spec);
  expectError(job.draft);
} else {
  expectType<JobDraft<'batch'> | undefined>(job.draft);
  expectError(Job.from(job.draft));
  if (job.draft !== undefined) {
    // The job type is known, so .count() is there; the fields are as read, so they are unknown.
    expectType<ScalableJobBuilder<'batch', 'task'>>(Job.from(job.draft));
    expectType<JobSpec<'batch'>>(Job.from(job.draft).count(2).build());
    expectType<'batch'>(job.draft.Type);
    expectType<unknown>(job.draft.Count);
    expectType<unknown>(job.draft.Tasks);
    // Deeply read-only, like a spec.
    expectError((job.draft.Type = 'batch'));
  }
}

// A valid spec or a draft: Job.from takes either.
declare const specOrDraft: JobSpec<'ops'> | JobDraft<'ops'>;
expectType<JobBuilder<'ops', 'task'>>(Job.from(specOrDraft));
// A draft without a known job type gives the builder every job type shares (no .count()).
declare const anyDraft: JobDraft;
expectType<JobBuilder<JobType, 'task'>>(Job.from(anyDraft));
expectError(Job.from(anyDraft).count(2));
// Like JobSpec, JobDraft is discriminated by Type: checking it narrows the draft and the builder.
if (anyDraft.Type === 'service') expectType<ScalableJobBuilder<'service', 'task'>>(Job.from(anyDraft).count(3));
if (anyDraft.Type === 'daemon') expectError(Job.from(anyDraft).count(3));
// A draft is no spec.
expectError<JobSpec<'batch'>>({} as JobDraft<'batch'>);

if (!task.valid && task.draft !== undefined) {
  expectType<PublishingTaskBuilder<'ops', 'name' | 'engine'>>(Task.from(task.draft));
  expectType<unknown>(task.draft.Env);
}

// Every problem names its place twice: as text and as segments.
declare const problem: Problem;
expectType<string>(problem.path);
expectType<readonly (string | number)[]>(problem.segments);

// A draft has exactly the fields of the wire shape.
declare const jobDraftKey: keyof JobDraft;
expectType<keyof JobWire>(jobDraftKey);
declare const taskDraftKey: Extract<keyof TaskDraft, string>;
expectType<keyof TaskWire>(taskDraftKey);
