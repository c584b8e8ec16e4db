import { expectType } from 'tsd';
import { Task, engine, source, type PublishingTaskBuilder, type TaskSpec } from 'bacalhau-jobs';

// A 50-call chain stays flat: no growing intersections, no "excessively deep" errors.
const built = Task.batch()
  .name('a').engine(engine.docker('alpine')).env('A1', '1').env('A2', '2').env('A3', '3').env('A4', '4').env('A5', '5')
  .meta('m1', '1').meta('m2', '2').meta('m3', '3').meta('m4', '4').meta('m5', '5')
  .input(source.ipfs('Qm1'), { target: '/i1' }).input(source.ipfs('Qm2'), { target: '/i2' }).input(source.ipfs('Qm3'), { target: '/i3' })
  .resultPath('r1', '/r1').resultPath('r2', '/r2').resultPath('r3', '/r3').resultPath('r4', '/r4').resultPath('r5', '/r5')
  .resources({ cpu: 1 }).resources({ memory: '1Gb' }).resources({ disk: '1Gb' }).resources({ gpu: 1 }).timeouts({ total: 10 })
  .name('b').engine(engine.docker('busybox')).env('B1', '1').env('B2', '2').env('B3', '3').env('B4', '4').env('B5', '5')
  .meta('n1', '1').meta('n2', '2').meta('n3', '3').meta('n4', '4').meta('n5', '5')
  .input(source.ipfs('Qm4'), { target: '/i4' }).input(source.ipfs('Qm5'), { target: '/i5' }).input(source.ipfs('Qm6'), { target: '/i6' })
  .resultPath('s1', '/s1').resultPath('s2', '/s2').resultPath('s3', '/s3').resultPath('s4', '/s4').resultPath('s5', '/s5')
  .timeouts({ execution: 5 }).timeouts({ queue: 5 }).name('c');
expectType<PublishingTaskBuilder<'batch', 'name' | 'engine'>>(built);
expectType<TaskSpec<'batch'>>(built.build());
