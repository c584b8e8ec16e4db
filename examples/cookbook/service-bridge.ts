/**
 * Recipe: a long-running service with ports on a bridge network.
 *
 * Two nginx replicas, each in its own network namespace; container ports 80
 * and 443 are mapped to host ports the node allocates. Service tasks have no
 * publisher and no result paths. See docs/cookbook.md.
 */
import { Job, engine, network, type JobSpec } from '../../src/index.js';

export const job: JobSpec<'service'> = Job.service('web')
  .count(2)
  .label('app', 'web')
  .constraint('Operating-System', '=', ['linux'])
  .task((task) =>
    task
      .name('nginx')
      .engine(engine.docker('nginx:1.27'))
      .network(
        network.bridge([
          { name: 'HTTP', target: 80 },
          { name: 'HTTPS', target: 443 },
        ]),
      )
      .resources({ cpu: 1, memory: '1Gb' }),
  )
  .build();
