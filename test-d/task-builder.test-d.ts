import { expectAssignable, expectError, expectNotAssignable, expectType } from 'tsd';
import {
  Task,
  engine,
  network,
  publisher,
  source,
  type PublishingTaskBuilder,
  type TaskBuilder,
  type TaskSpec,
  type Validated,
} from 'bacalhau-jobs';

const docker = engine.docker('alpine:3.20');

// Builders in each state read as one flat type-state.
expectType<PublishingTaskBuilder<'batch', never>>(Task.batch());
expectType<PublishingTaskBuilder<'ops', never>>(Task.ops());
expectType<TaskBuilder<'service', never>>(Task.service());
expectType<TaskBuilder<'daemon', never>>(Task.daemon());
expectType<PublishingTaskBuilder<'batch', 'name'>>(Task.batch().name('a'));
expectType<PublishingTaskBuilder<'batch', 'engine'>>(Task.batch().engine(docker));
expectType<PublishingTaskBuilder<'batch', 'name' | 'engine'>>(Task.batch().name('a').engine(docker));
expectType<PublishingTaskBuilder<'batch', 'name' | 'engine'>>(Task.batch().engine(docker).name('a'));
expectType<TaskBuilder<'service', 'name' | 'engine'>>(Task.service().engine(docker).env('A', 'b').name('a'));
// Methods that do not change the state keep the builder's type.
expectType<PublishingTaskBuilder<'ops', 'name'>>(Task.ops().name('a').env({ A: 'b' }).meta('k', 'v').timeouts({ total: '1h' }));

// .build() is callable only once Name and Engine are set, in either order.
expectError(Task.batch().build());
expectError(Task.batch().name('a').build());
expectError(Task.batch().engine(docker).build());
expectError(Task.service().name('a').build());
expectError(Task.daemon().engine(docker).env('A', 'b').build());
expectType<TaskSpec<'batch'>>(Task.batch().name('a').engine(docker).build());
expectType<TaskSpec<'ops'>>(Task.ops().engine(docker).name('a').build());
expectType<TaskSpec<'service'>>(Task.service().name('a').engine(docker).build());
expectType<TaskSpec<'daemon'>>(Task.daemon().name('a').engine(docker).build());

// .validate() is callable in any state and is typed by job type.
expectType<Validated<TaskSpec<'batch'>>>(Task.batch().validate());

// Publisher and result paths exist only on batch and ops builders.
expectError(Task.service().publisher(publisher.ipfs()));
expectError(Task.daemon().publisher(publisher.ipfs()));
expectError(Task.service().resultPath('out', '/out'));
expectError(Task.daemon().name('a').engine(docker).resultPath('out', '/out'));
expectType<PublishingTaskBuilder<'batch', never>>(Task.batch().publisher(publisher.s3({ bucket: 'b', key: 'k' })).resultPath('o', '/o'));
expectType<PublishingTaskBuilder<'ops', never>>(Task.ops().publisher(publisher.local()).resultPath('o', '/o'));

// A less complete builder is not a more complete one (the type-state is enforced structurally).
expectNotAssignable<PublishingTaskBuilder<'batch', 'name' | 'engine'>>(Task.batch().name('a'));
expectNotAssignable<TaskBuilder<'batch', 'name'>>(Task.service().name('a'));

// The built value is read-only at every depth.
const spec = Task.batch()
  .name('a')
  .engine(docker)
  .env('A', 'b')
  .input(source.s3({ bucket: 'b' }), { target: '/in' })
  .resultPath('o', '/o')
  .resources({ cpu: 1 })
  .network(network.http(['example.com']))
  .timeouts({ execution: 60 })
  .build();
expectError((spec.Name = 'b'));
expectError((spec.Engine.Type = 'wasm'));
expectError((spec.Engine.Params = {}));
expectError(spec.InputSources?.push({ Source: { Type: 'ipfs' }, Target: '/x' }));
expectError(spec.InputSources?.[0] && (spec.InputSources[0].Target = '/y'));
expectError(spec.InputSources?.[0] && (spec.InputSources[0].Source.Type = 'ipfs'));
expectError(spec.Env && (spec.Env['A'] = 'c'));
expectError(spec.Network?.Domains?.push('evil.com'));
expectError(spec.Timeouts && (spec.Timeouts.ExecutionTimeout = 1));
expectError(spec.ResultPaths?.[0] && (spec.ResultPaths[0].Path = '/p'));

// A task built for one job type is not a task of another.
expectNotAssignable<TaskSpec<'batch'>>(Task.service().name('a').engine(docker).build());
expectAssignable<TaskSpec>(Task.service().name('a').engine(docker).build());

// Typed helpers require their required params.
expectError(engine.docker());
expectError(publisher.s3({ bucket: 'b' }));
expectError(source.s3({ key: 'k' }));
expectError(source.inline('https://example.com/x'));
expectError(source.s3({ bucket: 'b', partition: { type: 'regex' } }));

// Network shapes: domains only on HTTP; ports only on Host and Bridge; no Target in Host mode.
expectError(Task.batch().network({ Type: 'Bridge', Domains: ['example.com'] }));
expectError(Task.batch().network({ Type: 'HTTP', Ports: [{ Name: 'P' }] }));
expectError(Task.batch().network({ Type: 'None', Ports: [{ Name: 'P' }] }));
expectError(Task.batch().network({ Type: 'Host', Ports: [{ Name: 'P', Target: 80 }] }));
expectError(network.host([{ name: 'P', target: 80 }]));
expectType<PublishingTaskBuilder<'batch', never>>(Task.batch().network({ Type: 'Bridge', Ports: [{ Name: 'P', Target: 80 }] }));
expectType<PublishingTaskBuilder<'batch', never>>(Task.batch().network({ Type: 'HTTP', Domains: ['example.com'] }));

// Raw wire SpecConfigs are accepted for custom engines and plugins.
expectType<PublishingTaskBuilder<'batch', 'engine'>>(Task.batch().engine({ Type: 'flibble', Params: { Some: 'data', N: [1, { x: null }] } }));
expectError(Task.batch().engine({ Params: {} }));

// Task.of with a runtime union keeps only the shared methods.
declare const anyType: 'batch' | 'service';
expectError(Task.of(anyType).publisher(publisher.ipfs()));
expectAssignable<TaskSpec>(Task.of(anyType).name('a').engine(docker).build());

// Removals keep the builder's type and state; removeResultPath exists only where resultPath does.
expectType<PublishingTaskBuilder<'batch', 'name'>>(Task.batch().name('a').removeInput('/in').removeEnv('A').removeMeta('k').removeResultPath('o'));
expectType<PublishingTaskBuilder<'ops', never>>(Task.ops().removeResultPath('o'));
expectType<TaskBuilder<'service', 'name' | 'engine'>>(Task.service().name('a').engine(docker).removeInput('/in').removeEnv('A').removeMeta('k'));
expectType<TaskBuilder<'daemon', never>>(Task.daemon().removeInput('/in'));
expectError(Task.service().removeResultPath('o'));
expectError(Task.daemon().name('a').engine(docker).removeResultPath('o'));
expectError(Task.of(anyType).removeResultPath('o'));
expectError(Task.batch().removeInput({ target: '/in' }));
expectError(Task.batch().removeEnv());

// Helper results are marked by role: each builder method refuses the other roles' helpers.
expectError(Task.batch().engine(publisher.s3({ bucket: 'b', key: 'k' })));
expectError(Task.batch().engine(publisher.ipfs()));
expectError(Task.batch().engine(source.ipfs('QmY7Yh4UquoXHLPFo2XbhXkhBvFoPwmQUSa92pxnxjQuPU')));
expectError(Task.batch().publisher(engine.docker('alpine')));
expectError(Task.batch().publisher(source.s3({ bucket: 'b' })));
expectError(Task.batch().input(publisher.ipfs(), { target: '/i' }));
expectError(Task.batch().input(engine.wasm('/main.wasm'), { target: '/i' }));
expectType<PublishingTaskBuilder<'batch', 'engine'>>(Task.batch().engine(engine.wasm('/main.wasm')));
expectType<PublishingTaskBuilder<'batch', never>>(Task.batch().publisher(publisher.s3managed()).input(source.local('/data'), { target: '/d' }));
// Raw objects carry no role and stay accepted by all three, as do specs read from files.
const raw = { Type: 'ipfs', Params: { CID: 'QmY7Yh4UquoXHLPFo2XbhXkhBvFoPwmQUSa92pxnxjQuPU' } };
expectType<PublishingTaskBuilder<'batch', 'engine'>>(Task.batch().engine(raw).publisher(raw).input(raw, { target: '/r' }));
declare const parsedTask: TaskSpec<'batch'>;
expectType<PublishingTaskBuilder<'batch', 'engine'>>(Task.batch().engine(parsedTask.Engine).publisher(parsedTask.Publisher ?? raw));
