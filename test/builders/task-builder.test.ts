import { describe, expect, it } from 'vitest';
import { BacalhauSpecError, Task, engine, network, parseTask, publisher, safeParseTask, source, type TaskSpec } from '../../src/index.js';
import { expectValidTask } from '../swagger.js';

/** Every object and array reachable from `value` that is not frozen, by path. */
function unfrozenPaths(value: unknown, path = '(root)'): string[] {
  if (typeof value !== 'object' || value === null) return [];
  const own = Object.isFrozen(value) ? [] : [path];
  return [...own, ...Object.entries(value).flatMap(([key, child]) => unfrozenPaths(child, `${path}.${key}`))];
}

const dockerTask = () =>
  Task.batch()
    .name('full-docker')
    .engine(
      engine.docker('python:3.12-slim', {
        entrypoint: ['python', '-c'],
        parameters: ['print(1)'],
        environmentVariables: { LOG_LEVEL: 'debug' },
        workingDirectory: '/work',
      }),
    )
    .input(source.s3({ bucket: 'data', key: 'logs/', region: 'eu-west-1', partition: { type: 'object' } }), { target: '/inputs', alias: 'logs' })
    .input(source.urlDownload('https://example.com/words.txt'), { target: '/words' })
    .publisher(publisher.s3({ bucket: 'results', key: 'out/{jobID}', encoding: 'gzip' }))
    .resultPath('outputs', '/outputs')
    .resultPath('logs', '/var/log/app')
    .env({ A: '1', B: '2', C: '3' })
    .env('D', '4')
    .env('E', 'env:HOST_E')
    .meta({ owner: 'team' })
    .resources({ cpu: '500m', memory: '1Gb', disk: 10_000_000_000, gpu: 1 })
    .network(network.http(['example.com', '.github.com']))
    .timeouts({ execution: '30m', queue: 600, total: '1h' });

/** Every task this file builds must also satisfy Bacalhau's own API schema. */
function schemaChecked<T extends TaskSpec>(spec: T): T {
  expectValidTask(spec);
  return spec;
}

describe('full tasks in wire shape', () => {
  it('builds a docker task field by field', () => {
    const spec = schemaChecked(dockerTask().build());
    expect(JSON.parse(JSON.stringify(spec))).toStrictEqual({
      Name: 'full-docker',
      Engine: {
        Type: 'docker',
        Params: {
          Image: 'python:3.12-slim',
          Entrypoint: ['python', '-c'],
          Parameters: ['print(1)'],
          EnvironmentVariables: ['LOG_LEVEL=debug'],
          WorkingDirectory: '/work',
        },
      },
      Publisher: { Type: 's3', Params: { Bucket: 'results', Key: 'out/{jobID}', Encoding: 'gzip' } },
      Env: { A: '1', B: '2', C: '3', D: '4', E: 'env:HOST_E' },
      Meta: { owner: 'team' },
      InputSources: [
        { Source: { Type: 's3', Params: { Bucket: 'data', Key: 'logs/', Region: 'eu-west-1', Partition: { Type: 'object' } } }, Alias: 'logs', Target: '/inputs' },
        { Source: { Type: 'urlDownload', Params: { URL: 'https://example.com/words.txt' } }, Target: '/words' },
      ],
      ResultPaths: [
        { Name: 'outputs', Path: '/outputs' },
        { Name: 'logs', Path: '/var/log/app' },
      ],
      Resources: { CPU: '500m', Memory: '1Gb', Disk: '10000000000', GPU: '1' },
      Network: { Type: 'HTTP', Domains: ['example.com', '.github.com'] },
      Timeouts: { ExecutionTimeout: 1800, QueueTimeout: 600, TotalTimeout: 3600 },
    });
  });

  it('emits keys in Bacalhau order whatever the call order', () => {
    const spec = schemaChecked(Task.batch()
      .timeouts({ total: 10 })
      .network({ Type: 'None' })
      .resources({ gpu: '1', cpu: '1' })
      .env('A', 'b')
      .engine({ Params: { Image: 'x' }, Type: 'docker' } as never)
      .name('n')
      .build());
    expect(Object.keys(spec)).toEqual(['Name', 'Engine', 'Env', 'Resources', 'Network', 'Timeouts']);
    expect(Object.keys(spec.Engine)).toEqual(['Type', 'Params']);
    expect(Object.keys(spec.Resources ?? {})).toEqual(['CPU', 'GPU']);
  });

  it('builds a wasm task with an inline module', () => {
    const spec = schemaChecked(Task.batch()
      .name('wasm')
      .input(source.inline('data:application/wasm;base64,AGFzbQEAAAA='), { target: '/app/main.wasm' })
      .engine(engine.wasm('/app/main.wasm', { parameters: ['--fast'], importModules: ['/app/main.wasm'] }))
      .publisher(publisher.ipfs())
      .resultPath('out', '/out')
      .network(network.none())
      .build());
    expect(JSON.parse(JSON.stringify(spec))).toStrictEqual({
      Name: 'wasm',
      Engine: { Type: 'wasm', Params: { EntryModule: '/app/main.wasm', Entrypoint: '_start', Parameters: ['--fast'], ImportModules: ['/app/main.wasm'] } },
      Publisher: { Type: 'ipfs' },
      InputSources: [{ Source: { Type: 'inline', Params: { URL: 'data:application/wasm;base64,AGFzbQEAAAA=' } }, Target: '/app/main.wasm' }],
      ResultPaths: [{ Name: 'out', Path: '/out' }],
      Network: { Type: 'None' },
    });
  });

  it('builds a custom-engine task from a raw SpecConfig, with a warning', () => {
    const builder = Task.ops().name('custom').engine({ Type: 'flibble', Params: { Some: 'data', Nested: { List: [1, true, null] } } });
    expect(JSON.parse(JSON.stringify(builder.build()))).toStrictEqual({
      Name: 'custom',
      Engine: { Type: 'flibble', Params: { Some: 'data', Nested: { List: [1, true, null] } } },
    });
    expect(builder.validate().warnings.map((w) => [w.path, w.rule])).toEqual([['Engine.Type', 'custom-type']]);
  });

  it('builds a service with ports on a bridge network, and a daemon', () => {
    const service = schemaChecked(Task.service()
      .name('web')
      .engine(engine.docker('nginx:1.27'))
      .network(network.bridge([{ name: 'HTTP', static: 8080, target: 80, hostNetwork: '127.0.0.1' }]))
      .build());
    expect(service.Network).toStrictEqual({ Type: 'Bridge', Ports: [{ Name: 'HTTP', Static: 8080, Target: 80, HostNetwork: '127.0.0.1' }] });
    const daemon = schemaChecked(Task.daemon().name('agent').engine(engine.docker('agent:1')).network(network.host([{ name: 'METRICS' }])).build());
    expect(daemon.Network).toStrictEqual({ Type: 'Host', Ports: [{ Name: 'METRICS' }] });
  });

  it('leaves unset optional fields out entirely', () => {
    const spec = schemaChecked(Task.batch().name('n').engine(engine.docker('x')).build());
    expect(JSON.stringify(spec)).toBe('{"Name":"n","Engine":{"Type":"docker","Params":{"Image":"x"}}}');
    expect(Object.values(spec).includes(undefined)).toBe(false);
  });
});

describe('freezing and sharing', () => {
  it('deep-freezes the built spec at every level', () => {
    const spec = schemaChecked(dockerTask().build());
    expect(unfrozenPaths(spec)).toEqual([]);
    expect(() => {
      (spec as { Name: string }).Name = 'x';
    }).toThrow(TypeError);
  });

  it('never freezes or keeps the caller’s objects', () => {
    const params = { Image: 'alpine', Entrypoint: ['sh'] };
    const raw = { Type: 'docker', Params: params };
    const env = { A: '1' };
    const spec = schemaChecked(Task.batch().name('n').engine(raw).env(env).build());
    expect(Object.isFrozen(raw)).toBe(false);
    expect(Object.isFrozen(params.Entrypoint)).toBe(false);
    params.Entrypoint.push('-c');
    params.Image = 'changed';
    env.A = 'changed';
    expect(spec.Engine.Params).toStrictEqual({ Image: 'alpine', Entrypoint: ['sh'] });
    expect(spec.Env).toStrictEqual({ A: '1' });
  });

  it('shares unchanged parts between a base and its forks (structural sharing)', () => {
    const base = dockerTask();
    const fork = base.env('F', '6');
    const [a, b] = [base.build(), fork.build()];
    expect(b.Engine).toBe(a.Engine);
    expect(b.InputSources).toBe(a.InputSources);
    expect(b.Env).not.toBe(a.Env);
  });
});

describe('immutability of builders', () => {
  it('returns a new builder from every method and leaves the receiver unchanged', () => {
    const base = Task.batch().name('base').engine(engine.docker('alpine'));
    const before = JSON.stringify(base.build());
    const calls = [
      base.name('x'),
      base.engine(engine.docker('y')),
      base.env('A', 'b'),
      base.env({ C: 'd' }),
      base.meta('k', 'v'),
      base.meta({ k2: 'v2' }),
      base.input(source.ipfs('Qm'), { target: '/i' }),
      base.resources({ cpu: 1 }),
      base.network(network.none()),
      base.timeouts({ total: 5 }),
      base.publisher(publisher.noop()),
      base.resultPath('o', '/o'),
    ];
    for (const derived of calls) expect(derived).not.toBe(base);
    expect(JSON.stringify(base.build())).toBe(before);
  });

  it('keeps forks independent of each other', () => {
    const base = Task.batch().name('sweep').engine(engine.docker('alpine')).env('SHARED', '1');
    const variants = Array.from({ length: 50 }, (_, i) => base.name(`v${i}`).env('INDEX', String(i)).input(source.ipfs(`Qm${i}`), { target: `/in${i}` }));
    variants.forEach((variant, i) => {
      const spec = schemaChecked(variant.build());
      expect(spec.Name).toBe(`v${i}`);
      expect(spec.Env).toStrictEqual({ SHARED: '1', INDEX: String(i) });
      expect(spec.InputSources).toHaveLength(1);
      expect(spec.InputSources?.[0]?.Target).toBe(`/in${i}`);
    });
    expect(base.build().Env).toStrictEqual({ SHARED: '1' });
    expect(base.build().InputSources).toBeUndefined();
  });
});

describe('each method: replace, merge or append', () => {
  const ready = () => Task.batch().name('n').engine(engine.docker('x'));

  it('name and engine replace', () => {
    const spec = schemaChecked(ready().name('second').engine(engine.docker('second')).build());
    expect(spec.Name).toBe('second');
    expect(spec.Engine.Params).toStrictEqual({ Image: 'second' });
  });

  it('env and meta merge by key; a key set again takes the new value', () => {
    const spec = schemaChecked(ready().env('A', '1').env({ B: '2', A: '3' }).meta('k', 'v').meta({ k: 'w', j: 'x' }).build());
    expect(spec.Env).toStrictEqual({ A: '3', B: '2' });
    expect(spec.Meta).toStrictEqual({ k: 'w', j: 'x' });
  });

  it('input and resultPath append', () => {
    const spec = schemaChecked(ready()
      .input(source.ipfs('Qm1'), { target: '/a' })
      .input(source.local('/data', { readWrite: true, createAs: 'dir' }), { target: '/b', alias: 'b' })
      .resultPath('x', '/x')
      .resultPath('y', '/y')
      .publisher(publisher.local())
      .build());
    expect(spec.InputSources?.map((i) => i.Target)).toEqual(['/a', '/b']);
    expect(spec.InputSources?.[1]?.Source).toStrictEqual({ Type: 'local', Params: { SourcePath: '/data', ReadWrite: true, CreateAs: 'dir' } });
    expect(spec.ResultPaths).toStrictEqual([
      { Name: 'x', Path: '/x' },
      { Name: 'y', Path: '/y' },
    ]);
  });

  it('publisher and network replace', () => {
    const spec = schemaChecked(ready().publisher(publisher.ipfs()).publisher(publisher.s3managed()).network(network.none()).network(network.host()).build());
    expect(spec.Publisher).toStrictEqual({ Type: 's3managed' });
    expect(spec.Network).toStrictEqual({ Type: 'Host' });
  });

  it('resources and timeouts merge by field, and undefined removes a field', () => {
    const spec = schemaChecked(ready().resources({ cpu: 2, memory: '1Gb' }).resources({ memory: '2Gb', gpu: '1' }).resources({ gpu: undefined }).build());
    expect(spec.Resources).toStrictEqual({ CPU: '2', Memory: '2Gb' });
    const timed = schemaChecked(ready().timeouts({ execution: 60, total: '2h' }).timeouts({ execution: '90s' }).timeouts({ total: undefined }).build());
    expect(timed.Timeouts).toStrictEqual({ ExecutionTimeout: 90 });
    expect(ready().timeouts({ total: 1 }).timeouts({ total: undefined }).build().Timeouts).toBeUndefined();
  });

  it('converts durations and numeric quantities exactly', () => {
    const spec = schemaChecked(ready().timeouts({ execution: '1h30m', queue: '1.5m', total: '2h0m0s' }).resources({ cpu: 0.25, memory: 536_870_912, gpu: 2 }).build());
    expect(spec.Timeouts).toStrictEqual({ ExecutionTimeout: 5400, QueueTimeout: 90, TotalTimeout: 7200 });
    expect(spec.Resources).toStrictEqual({ CPU: '0.25', Memory: '536870912', GPU: '2' });
  });

  it('writes network types canonically and never emits Full', () => {
    expect(ready().network({ Type: 'Full' }).build().Network).toStrictEqual({ Type: 'Host' });
    expect(ready().network({ Type: 'http', Domains: ['example.com'] } as never).build().Network?.Type).toBe('HTTP');
  });
});

describe('errors and warnings', () => {
  it('throws one BacalhauSpecError listing every problem', () => {
    const attempt = () =>
      Task.batch()
        .name('')
        .engine(engine.docker(''))
        .env('lower', 'x')
        .input(source.s3({ bucket: '' }), { target: '' })
        .resultPath('out', 'relative')
        .build();
    expect(attempt).toThrow(BacalhauSpecError);
    try {
      attempt();
    } catch (error) {
      const { problems } = error as BacalhauSpecError;
      expect(problems.map((p) => `${p.path} ${p.rule}`)).toEqual([
        'Name not-blank',
        'Env.lower env-name',
        'Engine.Params.Image not-blank',
        'InputSources[0].Source.Params.Bucket not-blank',
        'InputSources[0].Target not-blank',
        'ResultPaths[0].Path absolute-path',
        'Publisher publisher-required',
      ]);
      expect((error as Error).message).toContain('InputSources[0].Target: input source must have a Target');
    }
  });

  it('returns warnings alongside the spec and never throws them', () => {
    const builder = Task.batch().name('n').engine(engine.docker('x', { parameters: ['echo {{name}}'] }));
    const result = builder.validate();
    expect(result.valid).toBe(true);
    expect(result.warnings.map((w) => w.rule)).toEqual(['template']);
    expect(builder.build().Engine.Params?.['Parameters']).toEqual(['echo {{name}}']);
  });

  it('result paths without a publisher are a problem: Bacalhau refuses them', () => {
    const result = Task.batch().name('n').engine(engine.docker('x')).resultPath('out', '/out').validate();
    expect(result.problems.map((p) => `${p.path} ${p.rule}`)).toEqual(['Publisher publisher-required']);
  });

  it('reports a missing Name and Engine to callers without types', () => {
    const untyped = Task.batch() as unknown as { build(): TaskSpec };
    try {
      untyped.build();
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BacalhauSpecError);
      expect((error as BacalhauSpecError).problems.map((p) => `${p.path} ${p.rule}`)).toEqual(['Name required', 'Engine required']);
    }
  });
});

describe('forks that remove and replace', () => {
  const ready = () => Task.batch().name('n').engine(engine.docker('x'));
  const paths = (problems: readonly { path: string; rule: string }[]) => problems.map((p) => `${p.path} ${p.rule}`);

  it('removeInput removes the input at a Target, keeping the others in order', () => {
    const base = ready()
      .input(source.ipfs('Qm1'), { target: '/a' })
      .input(source.ipfs('Qm2'), { target: '/b', alias: 'b' })
      .input(source.ipfs('Qm3'), { target: '/c' });
    const spec = schemaChecked(base.removeInput('/b').build());
    expect(spec.InputSources?.map((i) => i.Target)).toEqual(['/a', '/c']);
    // Removing every input leaves the key out, as if none had been added.
    const none = schemaChecked(base.removeInput('/a').removeInput('/b').removeInput('/c').build());
    expect('InputSources' in none).toBe(false);
  });

  it('removeInput compares Targets trimmed, as Bacalhau does, and removes every input at that Target', () => {
    const doubled = ready().input(source.ipfs('Qm1'), { target: ' /data' }).input(source.ipfs('Qm2'), { target: '/data ' }).input(source.ipfs('Qm3'), { target: '/keep' });
    expect(paths(doubled.validate().problems)).toEqual(['InputSources[1].Target unique']);
    const spec = schemaChecked(doubled.removeInput('/data').build());
    expect(spec.InputSources?.map((i) => i.Target)).toEqual(['/keep']);
    // The argument is trimmed too; the duplicates stay (and stay a problem).
    expect(paths(doubled.removeInput(' /keep  ').validate().problems)).toEqual(['InputSources[1].Target unique']);
    expect(doubled.removeInput(' /keep  ').validate().spec).toBeUndefined();
    expect(doubled.removeInput(' /data ').removeInput('/keep').validate().problems).toEqual([]);
  });

  it('re-points an input: removeInput then input at the same Target', () => {
    const base = ready().input(source.urlDownload('https://example.com/full.csv'), { target: '/data' }).input(source.ipfs('Qm1'), { target: '/code' });
    const clash = base.input(source.urlDownload('https://example.com/sample.csv'), { target: '/data' });
    expect(paths(clash.validate().problems)).toEqual(['InputSources[2].Target unique']);
    const repointed = schemaChecked(base.removeInput('/data').input(source.urlDownload('https://example.com/sample.csv'), { target: '/data' }).build());
    expect(repointed.InputSources).toStrictEqual([
      { Source: { Type: 'ipfs', Params: { CID: 'Qm1' } }, Target: '/code' },
      { Source: { Type: 'urlDownload', Params: { URL: 'https://example.com/sample.csv' } }, Target: '/data' },
    ]);
    // The base still reads the full file.
    expect(base.build().InputSources?.[0]?.Source.Params?.['URL']).toBe('https://example.com/full.csv');
  });

  it('removeResultPath removes by Name (trimmed), keeping the others in order', () => {
    const base = ready().publisher(publisher.local()).resultPath('outputs', '/outputs').resultPath(' logs ', '/logs').resultPath('extra', '/extra');
    expect(schemaChecked(base.removeResultPath('logs').build()).ResultPaths).toStrictEqual([
      { Name: 'outputs', Path: '/outputs' },
      { Name: 'extra', Path: '/extra' },
    ]);
    const moved = schemaChecked(base.removeResultPath('outputs').resultPath('outputs', '/results').build());
    expect(moved.ResultPaths?.map((r) => `${r.Name}=${r.Path}`)).toEqual([' logs =/logs', 'extra=/extra', 'outputs=/results']);
    const none = base.removeResultPath('outputs').removeResultPath('logs').removeResultPath('extra').build();
    expect('ResultPaths' in none).toBe(false);
  });

  it('removing the last result path also removes the publisher-required problem it caused', () => {
    const unpublished = ready().resultPath('out', '/out');
    expect(paths(unpublished.validate().problems)).toEqual(['Publisher publisher-required']);
    expect(unpublished.removeResultPath('out').validate().problems).toEqual([]);
  });

  it('removeEnv and removeMeta remove one key; an emptied map is left out', () => {
    const base = ready().env({ A: '1', B: '2' }).meta({ owner: 'me', ticket: 'T-1' });
    const spec = schemaChecked(base.removeEnv('A').removeMeta('ticket').build());
    expect(spec.Env).toStrictEqual({ B: '2' });
    expect(spec.Meta).toStrictEqual({ owner: 'me' });
    const bare = schemaChecked(base.removeEnv('A').removeEnv('B').removeMeta('owner').removeMeta('ticket').build());
    expect(Object.keys(bare)).toEqual(['Name', 'Engine']);
    // A key set again after its removal is set anew.
    expect(base.removeEnv('A').env('A', '3').build().Env).toStrictEqual({ B: '2', A: '3' });
  });

  it('removes keys such as __proto__ as data', () => {
    const odd = ready().meta(JSON.parse('{"__proto__": "x", "k": "v"}') as Record<string, string>);
    const spec = odd.removeMeta('__proto__').build();
    expect(spec.Meta).toStrictEqual({ k: 'v' });
    expect(Object.getPrototypeOf(spec.Meta)).toBe(Object.prototype);
  });

  it('removing what is absent changes nothing: an equal spec from a new builder', () => {
    const base = dockerTask();
    const built = base.build();
    for (const same of [base.removeInput('/nowhere'), base.removeResultPath('nothing'), base.removeEnv('NONE'), base.removeMeta('none'), ready().removeEnv('A').removeMeta('m').removeInput('/i').removeResultPath('r')]) {
      expect(same).not.toBe(base);
    }
    const unchanged = base.removeInput('/nowhere').removeResultPath('nothing').removeEnv('NONE').removeMeta('none').build();
    expect(unchanged).toStrictEqual(built);
    // Nothing was copied either.
    expect(unchanged.InputSources).toBe(built.InputSources);
    expect(unchanged.Env).toBe(built.Env);
    expect('Env' in ready().removeEnv('A').build()).toBe(false);
  });

  it('leaves the receiver unchanged and shares what it did not change', () => {
    const base = dockerTask();
    const before = JSON.stringify(base.build());
    const lean = base.removeInput('/words').removeResultPath('logs').removeEnv('E').removeMeta('owner');
    expect(JSON.stringify(base.build())).toBe(before);
    const [a, b] = [base.build(), schemaChecked(lean.build())];
    expect(b.InputSources?.map((i) => i.Target)).toEqual(['/inputs']);
    expect(b.InputSources?.[0]).toBe(a.InputSources?.[0]);
    expect(b.ResultPaths?.[0]).toBe(a.ResultPaths?.[0]);
    expect(b.Engine).toBe(a.Engine);
    expect(b.Publisher).toBe(a.Publisher);
    expect(b.Env).toStrictEqual({ A: '1', B: '2', C: '3', D: '4' });
    expect('Meta' in b).toBe(false);
  });

  it('keeps forks independent of each other', () => {
    const base = ready().input(source.ipfs('Qm0'), { target: '/data' }).env('SHARED', '1');
    const variants = Array.from({ length: 20 }, (_, i) => base.removeInput('/data').input(source.ipfs(`Qm${i + 1}`), { target: '/data' }).removeEnv('SHARED').env('I', String(i)));
    variants.forEach((variant, i) => {
      const spec = schemaChecked(variant.build());
      expect(spec.InputSources).toStrictEqual([{ Source: { Type: 'ipfs', Params: { CID: `Qm${i + 1}` } }, Target: '/data' }]);
      expect(spec.Env).toStrictEqual({ I: String(i) });
    });
    expect(base.build().InputSources?.[0]?.Source.Params?.['CID']).toBe('Qm0');
    expect(base.build().Env).toStrictEqual({ SHARED: '1' });
  });

  it('argument problems of a removed value disappear, and later entries keep theirs at their new index', () => {
    const bad = { Type: 'ipfs', Params: { CID: () => 'Qm' } } as never;
    const withBad = ready().input(source.ipfs('Qm1'), { target: '/a' }).input(bad, { target: '/b' }).input(bad, { target: '/c' });
    expect(paths(withBad.validate().problems).filter((p) => p.endsWith('json-value'))).toEqual([
      'InputSources[1].Source.Params.CID json-value',
      'InputSources[2].Source.Params.CID json-value',
    ]);
    const fewer = withBad.removeInput('/a').removeInput('/b');
    expect(paths(fewer.validate().problems).filter((p) => p.endsWith('json-value'))).toEqual(['InputSources[0].Source.Params.CID json-value']);
    expect(withBad.validate().problems.length).toBeGreaterThan(fewer.validate().problems.length);
    expect(withBad.removeInput('/b').removeInput('/c').validate().problems).toEqual([]);
    const badEnv = ready().env({ A: (() => 'x') as unknown as string, B: '2' });
    expect(paths(badEnv.validate().problems).filter((p) => p.startsWith('Env.A'))).toContain('Env.A json-value');
    expect(badEnv.removeEnv('A').validate().problems).toEqual([]);
    const badMeta = ready().meta('k', 1 as unknown as string);
    expect(badMeta.validate().valid).toBe(false);
    expect(badMeta.removeMeta('k').validate().problems).toEqual([]);
    const badResult = ready().publisher(publisher.local()).resultPath('o', (() => '/o') as unknown as string).resultPath('p', '/p');
    expect(paths(badResult.validate().problems)).toContain('ResultPaths[0].Path json-value');
    expect(badResult.removeResultPath('o').validate().problems).toEqual([]);
  });

  it('JavaScript callers: removeResultPath on a service task and non-string arguments throw', () => {
    const service = Task.service().name('web') as any;
    expect(() => service.removeResultPath('out')).toThrow(BacalhauSpecError);
    try {
      service.removeResultPath('out');
    } catch (error) {
      expect((error as BacalhauSpecError).problems.map((p) => `${p.path} ${p.rule}`)).toEqual(['ResultPaths job-type']);
    }
    const untyped = ready() as any;
    for (const call of [() => untyped.removeInput(1), () => untyped.removeEnv(undefined), () => untyped.removeMeta({}), () => untyped.removeResultPath(null)]) {
      expect(call).toThrow(BacalhauSpecError);
    }
  });
});

describe('helper results in another role (JavaScript callers)', () => {
  // Untyped, as from JavaScript: TypeScript refuses these calls (see test-d/task-builder.test-d.ts).
  const untyped = (builder: unknown) => builder as { engine(s: unknown): any; publisher(s: unknown): any; input(s: unknown, o: unknown): any };

  it.each([
    ['engine', () => untyped(Task.batch().name('m')).engine(publisher.s3({ bucket: 'b', key: 'k' })), 'Engine', 'results of publisher.* helpers are not engines: pass them to .publisher(…)'],
    ['engine', () => untyped(Task.batch().name('m')).engine(source.ipfs('QmY7Yh4UquoXHLPFo2XbhXkhBvFoPwmQUSa92pxnxjQuPU')), 'Engine', 'results of source.* helpers are not engines: pass them to .input(…)'],
    ['publisher', () => untyped(Task.batch().name('m').engine(engine.docker('a'))).publisher(source.s3({ bucket: 'b' })), 'Publisher', 'results of source.* helpers are not publishers: pass them to .input(…)'],
    ['input', () => untyped(Task.batch().name('m').engine(engine.docker('a'))).input(publisher.ipfs(), { target: '/i' }), 'InputSources[0].Source', 'results of publisher.* helpers are not input sources: pass them to .publisher(…)'],
  ])('.%s(…) reports a helper-role error at %s', (_method, make, path, message) => {
    const report = make().validate();
    expect(report.valid).toBe(false);
    expect(report.problems).toContainEqual(expect.objectContaining({ path, rule: 'helper-role', message }));
  });

  it('the same objects in their own roles, and raw objects in any role, are not reported', () => {
    const raw = { Type: 'ipfs', Params: { CID: 'QmY7Yh4UquoXHLPFo2XbhXkhBvFoPwmQUSa92pxnxjQuPU' } };
    const report = Task.batch()
      .name('m')
      .engine(engine.docker('a'))
      .publisher(publisher.ipfs())
      .input(source.ipfs('QmY7Yh4UquoXHLPFo2XbhXkhBvFoPwmQUSa92pxnxjQuPU'), { target: '/i' })
      .input(raw, { target: '/r' })
      .validate();
    expect(report.problems.filter((p) => p.rule === 'helper-role')).toEqual([]);
    expect(report.valid).toBe(true);
  });
});

describe('raw { Type, Params } objects are stored as the readers read them', () => {
  it.each([
    ['a known Params key set to null', { Type: 'docker', Params: { Image: 'alpine', WorkingDirectory: null } }],
    ['a type name in another case', { Type: 'Docker', Params: { Image: 'alpine' } }],
    ['several known keys set to null', { Type: 'docker', Params: { Image: 'alpine', Entrypoint: null, Parameters: null, EnvironmentVariables: null } }],
  ])('%s: the built task equals the task parsed from the same object', (_name, engineSpec) => {
    const built = Task.batch().name('main').engine(engineSpec).publisher({ Type: 'local' }).build();
    const parsed = parseTask({ Name: 'main', Engine: engineSpec, Publisher: { Type: 'local' } }, { jobType: 'batch' });
    expect(built).toEqual(parsed);
  });

  it('an unknown key set to null stays, and is reported as the readers report it', () => {
    const engineSpec = { Type: 'docker', Params: { Image: 'alpine', Bogus: null } };
    const fromBuilder = Task.batch().name('main').engine(engineSpec).publisher({ Type: 'local' }).validate().problems;
    const fromReader = safeParseTask({ Name: 'main', Engine: engineSpec, Publisher: { Type: 'local' } }).problems;
    expect(fromBuilder.map((p) => `${p.path} ${p.rule}`)).toEqual(['Engine.Params.Bogus unknown-key']);
    expect(fromReader.map((p) => `${p.path} ${p.rule}`)).toEqual(['Engine.Params.Bogus unknown-key']);
  });
});
