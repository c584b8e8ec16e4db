/**
 * Recipe: a Docker batch job with S3 input and S3 output.
 *
 * Four executions share the objects under `s3://my-data/texts/` (partitioned by
 * object), each counts the words in its share, and each uploads its `/outputs`
 * to `s3://my-results/word-count/<job>/<execution>.tar.gz`. Nodes need AWS credentials.
 * See docs/cookbook.md.
 */
import { Job, engine, publisher, source, type JobSpec } from '../../src/index.js';

export const job: JobSpec<'batch'> = Job.batch('word-count')
  .count(4)
  .label('team', 'data')
  .task((task) =>
    task
      .name('count-words')
      .engine(
        engine.docker('ubuntu:24.04', {
          entrypoint: ['/bin/sh', '-c'],
          parameters: ['find /inputs -type f -exec cat {} + | wc -w > /outputs/words-$BACALHAU_PARTITION_INDEX.txt'],
        }),
      )
      .input(source.s3({ bucket: 'my-data', key: 'texts/', region: 'eu-west-1', partition: { type: 'object' } }), { target: '/inputs' })
      .publisher(publisher.s3({ bucket: 'my-results', key: 'word-count/{jobID}/{executionID}', region: 'eu-west-1' }))
      .resultPath('outputs', '/outputs')
      .resources({ cpu: '500m', memory: '512Mb', disk: '5Gb' })
      .timeouts({ execution: '20m', total: '1h' }),
  )
  .build();
