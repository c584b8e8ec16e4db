/**
 * One meaning, one spelling: what the builders emit is what the parsers
 * produce, so specs compare equal whichever way they were made. Also the
 * job-type warnings and the job builder's `.name()`.
 */
import { describe, expect, it } from 'vitest';
import { Job, Task, engine, network, parseJob, parseTask, safeParseJob, source, toYAML, validateTask } from '../../src/index.js';

const docker = engine.docker('alpine');

describe('empty lists, maps and strings mean "unset" and are left out', () => {
  it('by the task builder', () => {
    const spec = Task.batch()
      .name('n')
      .engine({ Type: 'docker', Params: { Image: 'alpine' } })
      .input({ Type: 'ipfs', Params: { CID: 'Qm' } }, { target: '/in' })
      .env({})
      .meta({})
      .resources({ cpu: '', memory: '1Gb' })
      .network(network.http([]))
      .build();
    expect(spec).toStrictEqual({
      Name: 'n',
      Engine: { Type: 'docker', Params: { Image: 'alpine' } },
      InputSources: [{ Source: { Type: 'ipfs', Params: { CID: 'Qm' } }, Target: '/in' }],
      Resources: { Memory: '1Gb' },
      Network: { Type: 'HTTP' },
    });
    expect(Task.ops().name('n').engine({ Type: 'flibble', Params: {} }).build().Engine).toStrictEqual({ Type: 'flibble' });
    expect(parseTask(toYAML(spec))).toStrictEqual(spec);
  });

  it('by the job builder', () => {
    const job = Job.batch('j').labels({}).meta({}).task((t) => t.name('m').engine(docker)).build();
    expect(Object.keys(job)).toEqual(['Name', 'Type', 'Tasks']);
  });

  it('by the parser, as Bacalhau reads them', () => {
    const job = parseJob(`
Name: j
Type: batch
Constraints: []
Meta: {}
Labels: {}
Tasks:
  - Name: m
    Engine: {Type: docker, Params: {Image: alpine}}
    Publisher: {Type: ""}
    Env: {}
    InputSources: []
    Resources: {CPU: "", Memory: 1Gb, GPU: ""}
    Network: {Type: HTTP, Domains: []}
    Timeouts: {}
`);
    expect(job).toStrictEqual(Job.batch('j').task((t) => t.name('m').engine(docker).resources({ memory: '1Gb' }).network({ Type: 'HTTP' })).build());
  });
});

describe("a builder's raw { Type, Params } and network arguments go through the parser's canonical code", () => {
  /** Raw arguments written as a hand-written file might write them: any case, aliases, nulls (so typed loosely). */
  const cases: readonly { what: string; engine?: object; publisher?: object; input?: object; network?: object }[] = [
    { what: 'lower-case keys, a type in another case', engine: { type: 'Docker', params: { image: 'alpine', workingdirectory: '/w' } } },
    { what: 'a known Params key set to null', engine: { Type: 'docker', Params: { Image: 'alpine', Entrypoint: null } } },
    { what: 'empty Params', engine: { Type: 'DOCKER ', Params: { Image: 'alpine' } }, publisher: { Type: 'Local', Params: {} } },
    { what: 'a deprecated source alias', input: { Type: 'localDirectory', Params: { sourcePath: '/data', readwrite: true } } },
    { what: 'the deprecated network alias, empty lists', network: { type: 'full', domains: [], ports: [] } },
    { what: 'a port with keys in any case', network: { Type: 'bridge', Ports: [{ target: 8080, name: 'web' }] } },
    { what: 'a custom type (Params as given, empty ones left out)', engine: { Type: 'my-engine', Params: { Deep: { a: 1 } } }, publisher: { Type: 'my-pub', Params: {} } },
  ];
  it.each(cases)('$what', (raw) => {
    const wire = {
      Name: 'main',
      Engine: raw.engine ?? { Type: 'docker', Params: { Image: 'alpine' } },
      ...(raw.publisher === undefined ? {} : { Publisher: raw.publisher }),
      ...(raw.input === undefined ? {} : { InputSources: [{ Source: raw.input, Target: '/data' }] }),
      ...(raw.network === undefined ? {} : { Network: raw.network }),
    };
    // `as never`: what JavaScript callers pass, which the types would refuse (lower-case keys, nulls).
    let builder = Task.batch().name('main').engine(wire.Engine as never);
    if (raw.publisher !== undefined) builder = builder.publisher(raw.publisher as never);
    if (raw.input !== undefined) builder = builder.input(raw.input as never, { target: '/data' });
    if (raw.network !== undefined) builder = builder.network(raw.network as never);
    const built = builder.build();
    expect(built).toStrictEqual(parseTask(wire, { jobType: 'batch' }));
    expect(JSON.stringify(built)).toBe(JSON.stringify(parseTask(wire, { jobType: 'batch' })));
  });

  it('keeps unknown keys and second spellings for the rules to report, where the parser reports them too', () => {
    const engineArgument = { Type: 'docker', Params: { Image: 'alpine', Imagee: 'x', image: 'y' }, Extra: null };
    const built = Task.batch().name('main').engine(engineArgument as never).validate();
    const parsed = validateTask({ Name: 'main', Engine: engineArgument });
    const summary = (problems: readonly { path: string; rule: string }[]): string[] => problems.map((p) => `${p.path} ${p.rule}`).sort();
    expect(summary(built.valid ? [] : built.problems)).toEqual(['Engine.Extra unknown-key', 'Engine.Params.Imagee unknown-key', 'Engine.Params.image duplicate-key']);
    expect(summary(built.valid ? [] : built.problems)).toEqual(summary(parsed.problems));
  });
});

describe('Task.from and Job.from read a plain spec as the parser reads it', () => {
  const task = { name: 'main', ENGINE: { type: 'Docker', params: { image: 'alpine' } }, env: {}, Resources: { cpu: '1', memory: '' } };
  const job = { type: 'batch', name: 'j', constraints: [{ key: 'region', operator: 'in', values: ['eu'] }], tasks: [task] };

  it('keys in any case, empty values left out, canonical type names', () => {
    expect(Task.from(task as never, 'batch').build()).toStrictEqual(parseTask(task, { jobType: 'batch' }));
    expect(Job.from(job as never).build()).toStrictEqual(parseJob(job));
    expect(JSON.stringify(Job.from(job as never).build())).toBe(JSON.stringify(parseJob(job)));
  });

  it('keeps unknown and server-set keys for the rules, which report them as the parser does', () => {
    const withMistakes = { ...job, ID: 'j-1', Extra: true, tasks: [{ ...task, Imagee: 'x' }] };
    const built = Job.from(withMistakes as never).validate();
    const parsed = safeParseJob(withMistakes);
    const summary = (problems: readonly { path: string; rule: string }[]): string[] => problems.map((p) => `${p.path} ${p.rule}`).sort();
    expect(summary(built.problems)).toEqual(['Extra unknown-key', 'ID server-set', 'Tasks[0].Imagee unknown-key']);
    expect(summary(built.problems)).toEqual(summary(parsed.problems));
  });
});

describe('job-type warnings', () => {
  const s3 = source.s3({ bucket: 'data' });

  it('timeouts that service and daemon jobs ignore', () => {
    const warnings = Task.service().name('web').engine(docker).timeouts({ execution: 60, queue: 30, total: 600 }).validate().warnings;
    expect(warnings.map((w) => `${w.path} ${w.rule}`)).toEqual(['Timeouts.ExecutionTimeout job-type', 'Timeouts.TotalTimeout job-type']);
    expect(Task.batch().name('b').engine(docker).timeouts({ execution: 60 }).validate().warnings).toEqual([]);
  });

  it('s3 inputs on ops and daemon jobs', () => {
    for (const builder of [Task.ops(), Task.daemon()]) {
      const { warnings } = builder.name('n').engine(docker).input(s3, { target: '/in' }).validate();
      expect(warnings.map((w) => `${w.path} ${w.rule}`)).toEqual(['InputSources[0].Source job-type']);
    }
    expect(Task.batch().name('n').engine(docker).input(s3, { target: '/in' }).validate().warnings).toEqual([]);
  });

  it('a built-in type in the wrong role', () => {
    const report = validateTask({ Name: 'n', Engine: { Type: 's3', Params: { Bucket: 'b' } } });
    expect(report.warnings.map((w) => w.rule)).toEqual(['custom-type']);
    expect(report.warnings[0]?.message).toContain('it is a built-in publisher and input source type: is it in the wrong place?');
  });
});

describe('the job builder renames', () => {
  it('forks of one base builder into differently named jobs', () => {
    const base = Job.batch('train').count(2).task((t) => t.name('main').engine(docker));
    const jobs = [1, 2, 3].map((seed) => base.name(`train-${seed}`).build());
    expect(jobs.map((job) => job.Name)).toEqual(['train-1', 'train-2', 'train-3']);
    expect(jobs.every((job) => job.Tasks[0] === jobs[0]?.Tasks[0] && job.Count === 2)).toBe(true);
    expect(base.build().Name).toBe('train');
  });
});

describe('problems read from text', () => {
  it('come in the order of the text', () => {
    const result = safeParseJob('Type: batch\nTasks:\n  - Name: " "\n    Engine: {Type: docker, Params: {Image: ""}}\n    Outputs: x\nCount: -1\n');
    expect(result.problems.map((p) => p.line)).toEqual([3, 4, 5, 6]);
  });
});
