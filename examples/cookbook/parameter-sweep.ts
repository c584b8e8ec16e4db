/**
 * Recipe: a parameter sweep, one job per learning rate, forked from one base task builder.
 *
 * Every builder method returns a new builder, so `base.env(…)` never changes
 * `base` or another fork; the forks share everything they did not change (the
 * built jobs hold the very same Engine object). The base itself is a fork of
 * the team's training task with its /data input re-pointed at a sample
 * (`.removeInput(target)` then `.input(…, { target })`). Each job gets its own
 * Name: submitting a Name that already exists in the namespace updates that job.
 * See docs/cookbook.md.
 */
import { Job, Task, engine, publisher, source, type JobSpec } from '../../src/index.js';

/** The swept values, in job order. */
export const learningRates = ['0.1', '0.03', '0.01', '0.003'] as const;

/** The team's training task: the code under /code, the full data set under /data. */
const training = Task.batch()
  .name('train')
  .engine(engine.docker('python:3.12-slim', { entrypoint: ['python', '/code/train.py'], parameters: ['--epochs', '10', '--data', '/data'] }))
  .input(source.urlDownload('https://example.com/code/train.py'), { target: '/code' })
  .input(source.urlDownload('https://example.com/data/full.csv'), { target: '/data' })
  .publisher(publisher.s3({ bucket: 'experiments', key: 'lr-sweep/{jobID}' }))
  .resultPath('model', '/outputs')
  .resources({ cpu: 2, memory: '4Gb' })
  .timeouts({ execution: '2h' });

// The sweep trains on a sample. A Target is unique, so re-pointing /data is: remove that input, add the new one.
const base = training.removeInput('/data').input(source.urlDownload('https://example.com/data/sample.csv'), { target: '/data' });

export const jobs: readonly JobSpec<'batch'>[] = learningRates.map((rate, index) =>
  Job.batch(`lr-sweep-${index}`)
    .labels({ experiment: 'lr-sweep', 'learning-rate': rate })
    .task(base.env('LEARNING_RATE', rate))
    .build(),
);
