/**
 * Recipe: an ops job that runs once on every matching node.
 *
 * Every Linux node in the `edge` pool reports its disk usage and the size of
 * its `/var/log`; each node's report lands under its own S3 prefix. Ops jobs
 * have no Count. The nodes must allow-list `/var/log`
 * (`Compute.AllowListedLocalPaths`). See docs/cookbook.md.
 */
import { Job, engine, publisher, source, type JobSpec } from '../../src/index.js';

export const job: JobSpec<'ops'> = Job.ops('disk-usage')
  .constraint('Operating-System', '=', ['linux'])
  .constraint('pool', 'in', ['edge'])
  .task((task) =>
    task
      .name('report')
      .engine(
        engine.docker('alpine:3.20', {
          entrypoint: ['/bin/sh', '-c'],
          parameters: ['df -h > /outputs/df.txt && du -sh /host/var/log > /outputs/var-log.txt'],
        }),
      )
      .input(source.local('/var/log'), { target: '/host/var/log' })
      .publisher(publisher.s3({ bucket: 'fleet-reports', key: 'disk-usage/{date}/{nodeID}/', encoding: 'plain' }))
      .resultPath('outputs', '/outputs')
      .timeouts({ execution: '5m' }),
  )
  .build();
