/**
 * WIRE_KEYS (the keys of the description's WIRE_FIELDS, in order) is the one
 * list of every wire object's keys: the wire types must have exactly those keys (checked by the compiler when `npm run typecheck`
 * checks this file), and what the SDK writes follows its order.
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import { Job, engine, network, parseJob, publisher, source, toYAML } from '../../src/index.js';
import type {
  ConstraintWire,
  InputSourceWire,
  JobWire,
  NetworkWire,
  PortWire,
  ResourcesWire,
  ResultPathWire,
  SpecConfigWire,
  TaskWire,
  TimeoutsWire,
} from '../../src/index.js';
import type {
  DockerParams,
  InlineSource,
  IpfsSource,
  LocalSourceParams,
  S3Partition,
  S3PartitionParams,
  S3PublisherParams,
  S3SourceParams,
  UrlDownloadSource,
  WasmParams,
} from '../../src/index.js';
import { WIRE_KEYS, type BuiltInParamsKey, type PARTITION_TYPES, type WireKey, type WireObject } from '../../src/schema/description.js';

describe('the wire types have exactly the keys of WIRE_KEYS', () => {
  it('job, task and their parts', () => {
    expectTypeOf<keyof JobWire>().toEqualTypeOf<WireKey<'job'>>();
    expectTypeOf<keyof TaskWire>().toEqualTypeOf<WireKey<'task'>>();
    expectTypeOf<keyof SpecConfigWire>().toEqualTypeOf<WireKey<'specConfig'>>();
    expectTypeOf<keyof InputSourceWire>().toEqualTypeOf<WireKey<'inputSource'>>();
    expectTypeOf<keyof ResultPathWire>().toEqualTypeOf<WireKey<'resultPath'>>();
    expectTypeOf<keyof ResourcesWire>().toEqualTypeOf<WireKey<'resources'>>();
    expectTypeOf<keyof NetworkWire>().toEqualTypeOf<WireKey<'network'>>();
    expectTypeOf<keyof PortWire>().toEqualTypeOf<WireKey<'port'>>();
    expectTypeOf<keyof TimeoutsWire>().toEqualTypeOf<WireKey<'timeouts'>>();
    expectTypeOf<keyof ConstraintWire>().toEqualTypeOf<WireKey<'constraint'>>();
  });
});

describe("the typed helpers' Params types have the keys of the description's built-in types", () => {
  it('engines, publishers, sources and the s3 partition', () => {
    expectTypeOf<keyof DockerParams>().toEqualTypeOf<BuiltInParamsKey<'engine', 'docker'>>();
    // The helper writes the current format only; EnvironmentVariables exists only in the legacy one.
    expectTypeOf<keyof WasmParams>().toEqualTypeOf<Exclude<BuiltInParamsKey<'engine', 'wasm'>, 'EnvironmentVariables'>>();
    expectTypeOf<keyof S3PublisherParams>().toEqualTypeOf<BuiltInParamsKey<'publisher', 's3'>>();
    expectTypeOf<keyof S3SourceParams>().toEqualTypeOf<BuiltInParamsKey<'source', 's3'>>();
    expectTypeOf<keyof S3PartitionParams>().toEqualTypeOf<WireKey<'partition'>>();
    expectTypeOf<keyof LocalSourceParams>().toEqualTypeOf<BuiltInParamsKey<'source', 'local'>>();
    expectTypeOf<keyof NonNullable<UrlDownloadSource['Params']>>().toEqualTypeOf<BuiltInParamsKey<'source', 'urlDownload'>>();
    expectTypeOf<keyof NonNullable<InlineSource['Params']>>().toEqualTypeOf<BuiltInParamsKey<'source', 'inline'>>();
    expectTypeOf<keyof NonNullable<IpfsSource['Params']>>().toEqualTypeOf<BuiltInParamsKey<'source', 'ipfs'>>();
  });

  it("the s3 partition helper's types are the description's partition types", () => {
    expectTypeOf<S3Partition['type']>().toEqualTypeOf<Exclude<(typeof PARTITION_TYPES)[number], ''>>();
  });
});

describe('what the SDK writes follows the order of WIRE_KEYS', () => {
  /** Every object's keys, by wire object, in a spec that sets every field. */
  const job = Job.batch('full')
    .namespace('research')
    .priority(5)
    .count(2)
    .constraint('region', 'in', ['eu-west-1'])
    .meta('owner', 'data')
    .label('team', 'data')
    .task((t) =>
      t
        .name('main')
        .engine(engine.docker('alpine:3.20'))
        .publisher(publisher.local())
        .env('MODE', 'fast')
        .meta('step', 'one')
        .input(source.urlDownload('https://example.com/a.csv'), { target: '/data', alias: 'data' })
        .resultPath('outputs', '/outputs')
        .resources({ cpu: '1', memory: '1Gb', disk: '2Gb', gpu: 1 })
        .network(network.bridge([{ name: 'web', target: 8080, static: 30080, hostNetwork: '127.0.0.1' }]))
        .timeouts({ execution: 600, queue: 60, total: 900 }),
    )
    .build();
  const task = job.Tasks[0];

  it.each([
    ['job', job],
    ['task', task],
    ['specConfig', task.Engine],
    ['inputSource', task.InputSources?.[0]],
    ['resultPath', task.ResultPaths?.[0]],
    ['resources', task.Resources],
    ['network', task.Network],
    ['port', task.Network?.Ports?.[0]],
    ['timeouts', task.Timeouts],
    ['constraint', job.Constraints?.[0]],
  ] as const)('%s', (name, value) => {
    expect(Object.keys(value ?? {})).toEqual(WIRE_KEYS[name].filter((key) => Object.hasOwn(value ?? {}, key)));
    // Every key is set (so the order is checked for all of them), except Network.Domains, which Bridge networks cannot have.
    if (name !== 'network') expect(Object.keys(value ?? {})).toEqual([...WIRE_KEYS[name]]);
  });

  it('reading a spec written in another order gives the same order', () => {
    const shuffled = { Tasks: [{ Timeouts: { TotalTimeout: 900 }, Engine: { Params: { Image: 'alpine' }, Type: 'docker' }, Name: 'main', Publisher: { Type: 'local' } }], Type: 'batch', Name: 'x' };
    const read = parseJob(shuffled);
    expect(Object.keys(read)).toEqual(['Name', 'Type', 'Tasks']);
    expect(Object.keys(read.Tasks[0])).toEqual(['Name', 'Engine', 'Publisher', 'Timeouts']);
    expect(toYAML(read).split('\n')[0]).toBe('Name: x');
  });
});
