/**
 * Recipe: a daemon that runs on every matching node, including nodes that join later.
 *
 * A Prometheus node exporter on each Linux node, listening on host port 9100.
 * It reads the host's /proc and /sys through read-only `local` mounts (the nodes
 * must allow-list them). Daemon jobs have no Count and no publisher.
 * See docs/cookbook.md.
 */
import { Job, engine, network, source, type JobSpec } from '../../src/index.js';

export const job: JobSpec<'daemon'> = Job.daemon('node-exporter')
  .constraint('Operating-System', '=', ['linux'])
  .task((task) =>
    task
      .name('exporter')
      .engine(
        engine.docker('prom/node-exporter:v1.8.2', {
          parameters: ['--path.procfs=/host/proc', '--path.sysfs=/host/sys', '--web.listen-address=:9100'],
        }),
      )
      .input(source.local('/proc'), { target: '/host/proc' })
      .input(source.local('/sys'), { target: '/host/sys' })
      .network(network.host([{ name: 'METRICS', static: 9100 }]))
      .resources({ cpu: '100m', memory: '64Mb' }),
  )
  .build();
