/**
 * The Job builder at run time: every method, the wire shape it builds,
 * immutability, validation with job paths, checks for JavaScript callers, and
 * round trips through Job.from / Task.from. Every job and task built here is
 * also checked against Bacalhau's own model schemas (strict swagger, see
 * test/swagger.ts).
 */
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  BacalhauSpecError,
  JOB_TYPES,
  JOB_TYPE_TRAITS,
  Job,
  Task,
  engine,
  network,
  parseJob,
  parseTask,
  safeParseJob,
  publisher,
  source,
  toJSON,
  toYAML,
  publishesResults,
  validateJob,
  type JobSpec,
  type JobType,
  type JobTypeWith,
  type ResultJobType,
  type ScalableJobType,
  type Problem,
  type ProblemRule,
  type TaskSpec,
} from '../../src/index.js';
import { expectValidJob, expectValidTask } from '../swagger.js';

/** A built job, checked against the strict swagger `models.Job` (and its task against `models.Task`). */
function checked<S extends JobSpec>(job: S): S {
  expectValidJob(job);
  for (const task of job.Tasks) expectValidTask(task);
  return job;
}

/** A built task, checked against the strict swagger `models.Task`. */
function checkedTask<S extends TaskSpec>(task: S): S {
  expectValidTask(task);
  return task;
}

/** Every object and array reachable from `value` that is not frozen, by path. */
function unfrozenPaths(value: unknown, path = '(root)'): string[] {
  if (typeof value !== 'object' || value === null) return [];
  const own = Object.isFrozen(value) ? [] : [path];
  return [...own, ...Object.entries(value).flatMap(([key, child]) => unfrozenPaths(child, `${path}.${key}`))];
}

/** The problems of a thrown BacalhauSpecError, as path and rule. */
function thrownProblems(run: () => unknown): { path: string; rule: ProblemRule }[] {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(BacalhauSpecError);
    return (error as BacalhauSpecError).problems.map(({ path, rule }) => ({ path, rule }));
  }
  throw new Error('expected a BacalhauSpecError, nothing was thrown');
}

const at = (problems: readonly Problem[]): { path: string; rule: ProblemRule }[] => problems.map(({ path, rule }) => ({ path, rule }));

const docker = engine.docker('busybox:1.37.0', { parameters: ['echo', 'hi'] });
const mainTask = () => Task.batch().name('main').engine(docker);

describe('every Job builder method', () => {
  it('builds a batch job with every field, in wire shape', () => {
    const job = checked(
      Job.batch('nightly')
        .namespace('analytics')
        .priority(50)
        .count(3)
        .label('env', 'prod')
        .labels({ team: 'data', tier: 'gold' })
        .meta('owner', 'data-team')
        .meta({ ticket: 'OPS-12', 'example.org/x': 'y' })
        .constraint('GPU-0', 'exists')
        .constraint('legacy', '!')
        .constraint('region', 'in', ['eu-west-1', 'eu-west-2'])
        .constraint('zone', 'notin', ['b'])
        .constraint('Operating-System', '=', ['linux'])
        .constraint('Architecture', '==', ['amd64'])
        .constraint('tier', '!=', ['spot'])
        .constraint('cpus', 'gt', ['4'])
        .constraint('favour_load', 'lt', ['10'])
        .task((t) => t.name('main').engine(docker).publisher(publisher.local()).resultPath('out', '/outputs'))
        .build(),
    );
    expect(JSON.parse(toJSON(job))).toStrictEqual({
      Name: 'nightly',
      Namespace: 'analytics',
      Type: 'batch',
      Priority: 50,
      Count: 3,
      Constraints: [
        { Key: 'GPU-0', Operator: 'exists' },
        { Key: 'legacy', Operator: '!' },
        { Key: 'region', Operator: 'in', Values: ['eu-west-1', 'eu-west-2'] },
        { Key: 'zone', Operator: 'notin', Values: ['b'] },
        { Key: 'Operating-System', Operator: '=', Values: ['linux'] },
        { Key: 'Architecture', Operator: '==', Values: ['amd64'] },
        { Key: 'tier', Operator: '!=', Values: ['spot'] },
        { Key: 'cpus', Operator: 'gt', Values: ['4'] },
        { Key: 'favour_load', Operator: 'lt', Values: ['10'] },
      ],
      Meta: { owner: 'data-team', ticket: 'OPS-12', 'example.org/x': 'y' },
      Labels: { env: 'prod', team: 'data', tier: 'gold' },
      Tasks: [
        {
          Name: 'main',
          Engine: { Type: 'docker', Params: { Image: 'busybox:1.37.0', Parameters: ['echo', 'hi'] } },
          Publisher: { Type: 'local' },
          ResultPaths: [{ Name: 'out', Path: '/outputs' }],
        },
      ],
    });
    // The built object itself, not only its JSON, has no `undefined` holes (e.g. Values on `exists`).
    expect(job.Constraints?.[0]).toStrictEqual({ Key: 'GPU-0', Operator: 'exists' });
    expect(Object.keys(job.Constraints?.[0] ?? {})).toEqual(['Key', 'Operator']);
  });

  it('builds the four job types, each with the right Type and no Count', () => {
    const jobs = [
      checked(Job.batch('b').task(Task.of('batch').name('main').engine(docker)).build()),
      checked(Job.ops('o').task(Task.of('ops').name('main').engine(docker)).build()),
      checked(Job.service('s').task(Task.of('service').name('main').engine(docker)).build()),
      checked(Job.daemon('d').task(Task.of('daemon').name('main').engine(docker)).build()),
    ];
    expect(jobs.map((j) => j.Type)).toEqual(['batch', 'ops', 'service', 'daemon']);
    for (const job of jobs) expect(Object.keys(job)).toEqual(['Name', 'Type', 'Tasks']);
  });

  it('namespace and priority replace earlier values', () => {
    const job = checked(Job.batch('a').namespace('x').namespace('y').priority(1).priority(0).task(mainTask()).build());
    expect(job.Namespace).toBe('y');
    expect(job.Priority).toBe(0);
  });

  it('label and labels merge; a key set again takes the new value', () => {
    const job = checked(Job.batch('a').label('env', 'dev').labels({ team: 'data', env: 'prod' }).label('team', 'ml').task(mainTask()).build());
    expect(job.Labels).toStrictEqual({ env: 'prod', team: 'ml' });
  });

  it('meta takes a key and value or a record, and merges', () => {
    const job = checked(Job.service('a').meta('owner', 'me').meta({ ticket: 'T-1', owner: 'you' }).task(Task.service().name('m').engine(docker)).build());
    expect(job.Meta).toStrictEqual({ owner: 'you', ticket: 'T-1' });
  });

  it('keeps Meta and Labels keys such as __proto__ as data', () => {
    const job = checked(Job.batch('a').meta(JSON.parse('{"__proto__": "x"}') as Record<string, string>).label('__proto__', 'y').task(mainTask()).build());
    expect(Object.keys(job.Meta ?? {})).toEqual(['__proto__']);
    expect(Object.keys(job.Labels ?? {})).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(job.Meta)).toBe(Object.prototype);
  });

  describe('.task()', () => {
    it('takes a built task, a complete builder or a callback, with the same result', () => {
      const built = checkedTask(mainTask().build());
      const fromBuilt = checked(Job.batch('a').task(built).build());
      const fromBuilder = checked(Job.batch('a').task(mainTask()).build());
      const fromCallback = checked(Job.batch('a').task((t) => t.name('main').engine(docker)).build());
      expect(fromBuilder).toStrictEqual(fromBuilt);
      expect(fromCallback).toStrictEqual(fromBuilt);
      expect(fromBuilt.Tasks[0]).toStrictEqual(built);
    });

    it('a second .task() replaces the first', () => {
      const job = checked(
        Job.batch('a')
          .task((t) => t.name('first').engine(engine.docker('alpine')))
          .task((t) => t.name('second').engine(docker))
          .build(),
      );
      expect(job.Tasks).toHaveLength(1);
      expect(job.Tasks[0]?.Name).toBe('second');
    });

    it('replacing an invalid task drops its problems', () => {
      const broken = Job.batch('a').task((t) => t.name('m').engine(engine.docker('')));
      expect(broken.validate().valid).toBe(false);
      const fixed = broken.task(mainTask());
      expect(fixed.validate().problems).toEqual([]);
      checked(fixed.build());
    });

    it('accepts a task with every kind of field', () => {
      const task = checkedTask(
        Task.batch()
          .name('full')
          .engine(engine.docker('python:3.12-slim', { entrypoint: ['python', '-c'], parameters: ['print(1)'], environmentVariables: { MODE: 'x' }, workingDirectory: '/work' }))
          .input(source.s3({ bucket: 'data', key: 'logs/', region: 'eu-west-1', partition: { type: 'object' } }), { target: '/inputs', alias: 'logs' })
          .input(source.urlDownload('https://example.com/words.txt'), { target: '/words' })
          .input(source.ipfs('QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG'), { target: '/ipfs' })
          .publisher(publisher.s3({ bucket: 'results', key: 'out/{jobID}' }))
          .resultPath('outputs', '/outputs')
          .env({ A: '1', B: 'env:HOST_B' })
          .meta({ owner: 'team', 'bacalhau.org/ok-at-task-level': 'yes' })
          .resources({ cpu: '500m', memory: '1Gb', disk: '10GB', gpu: 1 })
          .network(network.http(['example.com']))
          .timeouts({ execution: '30m', queue: 600, total: '1h' })
          .build(),
      );
      const job = checked(Job.batch('full').task(task).build());
      expect(job.Tasks[0]).toBe(task);
      const bridged = checked(
        Job.service('web')
          .task((t) => t.name('web').engine(engine.docker('nginx')).network(network.bridge([{ name: 'HTTP', static: 8080, target: 80, hostNetwork: '127.0.0.1' }])))
          .build(),
      );
      expect(bridged.Tasks[0]?.Network).toStrictEqual({ Type: 'Bridge', Ports: [{ Name: 'HTTP', Static: 8080, Target: 80, HostNetwork: '127.0.0.1' }] });
      const hosted = checked(
        Job.daemon('agent')
          .task((t) => t.name('agent').engine(engine.wasm('/m.wasm')).input(source.inline('data:application/wasm;base64,AGFzbQEAAAA='), { target: '/m.wasm' }).network(network.host([{ name: 'METRICS', static: 9100 }])))
          .build(),
      );
      expect(hosted.Tasks[0]?.Network).toStrictEqual({ Type: 'Host', Ports: [{ Name: 'METRICS', Static: 9100 }] });
      checked(Job.ops('quiet').task((t) => t.name('m').engine(docker).network(network.none())).build());
    });
  });
});

describe('the built job', () => {
  it('has its keys in Bacalhau order whatever the call order', () => {
    const job = checked(
      Job.batch('a')
        .task(mainTask())
        .label('k', 'v')
        .meta('m', 'n')
        .constraint('c', 'exists')
        .count(2)
        .priority(3)
        .namespace('ns')
        .build(),
    );
    expect(Object.keys(job)).toEqual(['Name', 'Namespace', 'Type', 'Priority', 'Count', 'Constraints', 'Meta', 'Labels', 'Tasks']);
    expect(Object.keys(job.Constraints?.[0] ?? {})).toEqual(['Key', 'Operator']);
    const withValues = checked(Job.batch('a').constraint('r', 'in', ['x']).task(mainTask()).build());
    expect(Object.keys(withValues.Constraints?.[0] ?? {})).toEqual(['Key', 'Operator', 'Values']);
  });

  it('omits Count unless set, and keeps an explicit 0', () => {
    expect(Object.keys(checked(Job.batch('a').task(mainTask()).build()))).not.toContain('Count');
    expect(Object.keys(checked(Job.service('a').task(Task.service().name('m').engine(docker)).build()))).not.toContain('Count');
    const zero = checked(Job.batch('a').count(0).task(mainTask()).build());
    expect(Object.keys(zero)).toContain('Count');
    expect(zero.Count).toBe(0);
    expect(toJSON(zero)).toContain('"Count": 0');
    expect(toYAML(zero)).toContain('Count: 0');
    expect(checked(Job.service('a').count(0).count(5).task(Task.service().name('m').engine(docker)).build()).Count).toBe(5);
  });

  it('is deeply frozen at every level', () => {
    const job = checked(
      Job.batch('a')
        .constraint('r', 'in', ['x', 'y'])
        .meta('m', 'n')
        .label('k', 'v')
        .task((t) =>
          t
            .name('m')
            .engine(engine.docker('alpine', { entrypoint: ['sh'], environmentVariables: { A: 'b' } }))
            .input(source.s3({ bucket: 'b', key: 'k/', partition: { type: 'object' } }), { target: '/in' })
            .publisher(publisher.s3({ bucket: 'b', key: 'k' }))
            .resultPath('o', '/o')
            .env('E', 'f')
            .meta('t', 'u')
            .resources({ cpu: '1' })
            .network(network.bridge([{ name: 'P', target: 80 }]))
            .timeouts({ execution: 10 }),
        )
        .build(),
    );
    expect(unfrozenPaths(job)).toEqual([]);
    const mutable = job as unknown as { Name: string; Tasks: { Engine: { Params: { Entrypoint: string[] } } }[]; Constraints: { Values: string[] }[] };
    expect(() => {
      mutable.Name = 'b';
    }).toThrow(TypeError);
    expect(() => mutable.Tasks[0]?.Engine.Params.Entrypoint.push('x')).toThrow(TypeError);
    expect(() => mutable.Constraints[0]?.Values.push('z')).toThrow(TypeError);
  });

  it('does not share state with the arguments it was given', () => {
    const values = ['eu'];
    const labels: Record<string, string> = { env: 'prod' };
    const builder = Job.batch('a').constraint('region', 'in', values as [string]).labels(labels).task(mainTask());
    values.push('us');
    labels['env'] = 'dev';
    const job = checked(builder.build());
    expect(job.Constraints?.[0]?.Values).toEqual(['eu']);
    expect(job.Labels).toEqual({ env: 'prod' });
  });
});

describe('forks', () => {
  it('every method returns a new builder and leaves its receiver unchanged', () => {
    const base = Job.batch('base').label('k', 'v').task(mainTask());
    const a = base.count(2).meta('which', 'a').constraint('x', 'exists');
    const b = base.namespace('other').label('k', 'w').task((t) => t.name('other').engine(engine.docker('alpine')));
    const baseJob = checked(base.build());
    const aJob = checked(a.build());
    const bJob = checked(b.build());
    expect(baseJob).toStrictEqual({ Name: 'base', Type: 'batch', Labels: { k: 'v' }, Tasks: [mainTask().build()] });
    expect(aJob.Count).toBe(2);
    expect(aJob.Meta).toEqual({ which: 'a' });
    expect(aJob.Labels).toEqual({ k: 'v' });
    expect(aJob.Namespace).toBeUndefined();
    expect(bJob.Labels).toEqual({ k: 'w' });
    expect(bJob.Tasks[0]?.Name).toBe('other');
    expect(bJob.Count).toBeUndefined();
    expect(base).not.toBe(a);
    // Building twice gives equal specs.
    expect(base.build()).toStrictEqual(baseJob);
  });
});

describe('validation with job paths', () => {
  it('reports task problems under Tasks[0]', () => {
    const builder = Job.batch('a').task((t) => t.name('m').engine({ Type: 'docker' }));
    const report = builder.validate();
    expect(report.valid).toBe(false);
    expect(report.spec).toBeUndefined();
    expect(at(report.problems)).toEqual([{ path: 'Tasks[0].Engine.Params.Image', rule: 'required' }]);
    expect(thrownProblems(() => builder.build())).toEqual([{ path: 'Tasks[0].Engine.Params.Image', rule: 'required' }]);
    expect(at(Job.batch('a').task((t) => t.name('m').engine(engine.docker(''))).validate().problems)).toEqual([
      { path: 'Tasks[0].Engine.Params.Image', rule: 'not-blank' },
    ]);
  });

  it('reports a negative Count', () => {
    expect(thrownProblems(() => Job.batch('a').count(-1).task(mainTask()).build())).toEqual([{ path: 'Count', rule: 'count' }]);
    expect(at(Job.service('a').count(-2).task(Task.service().name('m').engine(docker)).validate().problems)).toEqual([{ path: 'Count', rule: 'count' }]);
  });

  it('reports a non-integer Count and Priority', () => {
    const report = Job.batch('a').count(1.5).priority(0.5).task(mainTask()).validate();
    expect(report.valid).toBe(false);
    expect(report.problems.map((p) => p.path).sort()).toEqual(['Count', 'Priority']);
  });

  it('reports reserved Meta keys (for callers that get past the types)', () => {
    const untyped = Job.batch('a') as any;
    const report = (untyped.meta('bacalhau.org/x', 'y').task(mainTask()) as ReturnType<typeof Job.batch>).validate();
    expect(at(report.problems)).toEqual([{ path: 'Meta["bacalhau.org/x"]', rule: 'reserved-meta' }]);
    expect(thrownProblems(() => untyped.meta({ ok: 'yes', 'bacalhau.org/requester.id': 'n' }).task(mainTask()).build())).toEqual([
      { path: 'Meta["bacalhau.org/requester.id"]', rule: 'reserved-meta' },
    ]);
  });

  it('reports constraint value counts per operator family', () => {
    const untyped = Job.batch('a') as any;
    const problems = (untyped
      .constraint('a', 'exists', ['x'])
      .constraint('b', '!', ['y'])
      .constraint('c', 'in', [])
      .constraint('d', 'notin')
      .constraint('e', '=', ['1', '2'])
      .constraint('f', '==')
      .constraint('g', '!=', [])
      .constraint('h', 'gt', ['1', '2'])
      .constraint('i', 'lt')
      .task(mainTask()) as ReturnType<typeof Job.batch>).validate().problems;
    expect(at(problems)).toEqual([
      { path: 'Constraints[0].Values', rule: 'constraint-values' },
      { path: 'Constraints[1].Values', rule: 'constraint-values' },
      { path: 'Constraints[2].Values', rule: 'constraint-values' },
      { path: 'Constraints[3].Values', rule: 'constraint-values' },
      { path: 'Constraints[4].Values', rule: 'constraint-values' },
      { path: 'Constraints[5].Values', rule: 'constraint-values' },
      { path: 'Constraints[6].Values', rule: 'constraint-values' },
      { path: 'Constraints[7].Values', rule: 'constraint-values' },
      { path: 'Constraints[8].Values', rule: 'constraint-values' },
    ]);
  });

  it('reports an unknown operator, with a hint for the wrong case', () => {
    const untyped = Job.batch('a') as any;
    const report = (untyped.constraint('os', 'In', ['linux']).constraint('os', 'like', ['lin']).task(mainTask()) as ReturnType<typeof Job.batch>).validate();
    expect(at(report.problems)).toEqual([
      { path: 'Constraints[0].Operator', rule: 'operator' },
      { path: 'Constraints[1].Operator', rule: 'operator' },
    ]);
    expect(report.problems[0]?.message).toContain("'in'");
  });

  it('reports gt/lt with a value that is not an integer', () => {
    const report = Job.batch('a').constraint('cpus', 'gt', ['2.0']).constraint('mem', 'lt', ['lots']).task(mainTask()).validate();
    expect(at(report.problems)).toEqual([
      { path: 'Constraints[0].Values[0]', rule: 'constraint-values' },
      { path: 'Constraints[1].Values[0]', rule: 'constraint-values' },
    ]);
    checked(Job.batch('a').constraint('cpus', 'gt', ['2']).constraint('mem', 'lt', ['0042']).task(mainTask()).build());
    // A signed integer parses, but k8s also checks every value as a label value, which must start with a letter or digit.
    const signed = Job.batch('a').constraint('cpus', 'gt', ['+2']).constraint('mem', 'lt', ['-3']).task(mainTask()).validate();
    expect(at(signed.problems)).toEqual([
      { path: 'Constraints[0].Values[0]', rule: 'label' },
      { path: 'Constraints[1].Values[0]', rule: 'label' },
    ]);
  });

  it('reports an invalid constraint key and value', () => {
    const report = Job.batch('a').constraint('', 'exists').constraint('bad key', 'exists').constraint('k', 'in', ['a,b']).task(mainTask()).validate();
    expect(at(report.problems)).toEqual([
      { path: 'Constraints[0].Key', rule: 'not-blank' },
      { path: 'Constraints[1].Key', rule: 'label' },
      { path: 'Constraints[2].Values[0]', rule: 'label' },
    ]);
  });

  it('lists every problem at once, job-level first', () => {
    const report = Job.batch('a')
      .count(-1)
      .constraint('x', 'in', [] as unknown as [string])
      .task((t) => t.name(' ').engine({ Type: 'docker' }))
      .validate();
    expect(at(report.problems)).toEqual([
      { path: 'Count', rule: 'count' },
      { path: 'Constraints[0].Values', rule: 'constraint-values' },
      { path: 'Tasks[0].Name', rule: 'not-blank' },
      { path: 'Tasks[0].Engine.Params.Image', rule: 'required' },
    ]);
  });

  it('warns about labels bacalhau job list cannot select', () => {
    const report = Job.batch('a').label('has space', 'v').task(mainTask()).validate();
    expect(report.valid).toBe(true);
    expect(at(report.warnings)).toEqual([{ path: 'Labels["has space"]', rule: 'label' }]);
    checked(report.spec as JobSpec);
  });
});

describe('JavaScript callers (no types)', () => {
  it('.count() on ops and daemon jobs throws rule count', () => {
    const ops = Job.ops('o') as any;
    const daemon = Job.daemon('d') as any;
    expect(thrownProblems(() => ops.count(1))).toEqual([{ path: 'Count', rule: 'count' }]);
    expect(thrownProblems(() => daemon.count(0))).toEqual([{ path: 'Count', rule: 'count' }]);
  });

  it('a task of another job type throws rule job-type', () => {
    const batch = Job.batch('b') as any;
    expect(thrownProblems(() => batch.task(Task.service().name('m').engine(docker)))).toEqual([{ path: 'Tasks[0]', rule: 'job-type' }]);
    expect(thrownProblems(() => batch.task(() => Task.service().name('m').engine(docker)))).toEqual([{ path: 'Tasks[0]', rule: 'job-type' }]);
  });

  it('build() without a task throws path Tasks rule required', () => {
    const empty = Job.batch('a').label('k', 'v') as any;
    expect(thrownProblems(() => empty.build())).toEqual([{ path: 'Tasks', rule: 'required' }]);
    expect(at(Job.daemon('d').validate().problems)).toEqual([{ path: 'Tasks', rule: 'required' }]);
  });

  it('an unknown job type or a callback returning something else throws', () => {
    const batch = Job.batch('b') as any;
    expect(thrownProblems(() => batch.task(() => 'nope'))).toEqual([{ path: 'Tasks[0]', rule: 'type' }]);
    expect(thrownProblems(() => Job.from({ Type: 'Batch', Tasks: [] } as any))).toEqual([{ path: 'Type', rule: 'job-type' }]);
  });

  it('errors are BacalhauSpecError with readable messages', () => {
    const empty = Job.batch('a') as any;
    try {
      empty.build();
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(BacalhauSpecError);
      expect((error as Error).message).toContain('Tasks: missing job tasks');
    }
  });
});

describe('round trips through Job.from and Task.from', () => {
  const built = checked(
    Job.batch('round')
      .namespace('ns')
      .count(2)
      .constraint('r', 'in', ['a'])
      .meta('m', 'n')
      .label('k', 'v')
      .task((t) => t.name('main').engine(docker).publisher(publisher.ipfs()).resultPath('o', '/o').env('A', 'b'))
      .build(),
  );

  it('rebuilds a built job unchanged, and edits it', () => {
    expect(checked(Job.from(built).build())).toStrictEqual(built);
    const edited = checked(Job.from(built).count(4).label('edited', 'yes').build());
    expect(edited.Count).toBe(4);
    expect(edited.Labels).toEqual({ k: 'v', edited: 'yes' });
    expect(edited.Tasks).toStrictEqual(built.Tasks);
    expect(built.Count).toBe(2);
  });

  it('rebuilds a parsed job (YAML and JSON) unchanged', () => {
    for (const text of [toYAML(built), toJSON(built)]) {
      const parsed = parseJob(text);
      expect(parsed).toStrictEqual(built);
      expect(checked(Job.from(parsed).build())).toStrictEqual(built);
    }
    const lower = parseJob('name: low\ntype: ops\ntasks:\n  - name: main\n    engine:\n      type: Docker\n      params:\n        image: alpine\n');
    expect(checked(Job.from(lower).build())).toStrictEqual(lower);
    expect(lower.Tasks[0]?.Engine).toStrictEqual({ Type: 'docker', Params: { Image: 'alpine' } });
  });

  it('Job.from keeps the job type: ops stays without .count(), service takes a service task', () => {
    const ops = checked(Job.ops('o').task(Task.ops().name('m').engine(docker)).build());
    expect(thrownProblems(() => (Job.from(ops) as any).count(2))).toEqual([{ path: 'Count', rule: 'count' }]);
    const service = checked(Job.service('s').task(Task.service().name('m').engine(docker)).build());
    expect(checked(Job.from(service).task(Task.service().name('n').engine(docker)).build()).Tasks[0]?.Name).toBe('n');
  });

  it('Task.from restores the builder of a built or parsed job task', () => {
    const task = built.Tasks[0] as TaskSpec<'batch'>;
    expect(checkedTask(Task.from(task).build())).toStrictEqual(task);
    const parsed = parseJob(toJSON(built)).Tasks[0] as TaskSpec<'batch'>;
    const edited = checkedTask(Task.from(parsed).env('C', 'd').build());
    expect(edited.Env).toEqual({ A: 'b', C: 'd' });
    expect(checked(Job.from(built).task(edited).build()).Tasks[0]).toBe(edited);
    const standalone = checkedTask(mainTask().build());
    expect(checkedTask(Task.from(standalone).build())).toStrictEqual(standalone);
  });

  it('Task.from on a plain object needs the job type', () => {
    const plain = { Name: 'main', Engine: { Type: 'docker', Params: { Image: 'alpine' } } } as unknown as TaskSpec<'batch'>;
    expect(thrownProblems(() => Task.from(plain))).toEqual([{ path: '', rule: 'job-type' }]);
    const rebuilt = checkedTask(Task.from(plain, 'batch').build());
    expect(rebuilt).toStrictEqual(plain);
    expect(checked(Job.batch('p').task(rebuilt).build()).Tasks[0]).toStrictEqual(plain);
    // A task parsed without a job type is plain too; with one, it is known.
    const unparented = parseTask({ Name: 'main', Engine: { Type: 'docker', Params: { Image: 'alpine' } } });
    expect(thrownProblems(() => Task.from(unparented))).toEqual([{ path: '', rule: 'job-type' }]);
    const parented = parseTask({ Name: 'main', Engine: { Type: 'docker', Params: { Image: 'alpine' } } }, { jobType: 'daemon' });
    expect(checked(Job.daemon('d').task(Task.from(parented)).build()).Tasks[0]).toStrictEqual(parented);
  });
});

/**
 * Only specs the SDK built or parsed are shared as they are. A caller's object
 * is copied even when frozen: `Object.freeze` is shallow, and what is below it
 * could still change the validated spec afterwards.
 */
describe('caller objects frozen only at the top are copied, not shared', () => {
  const plainTask = () => {
    const params = { Image: 'busybox:1.37.0', Parameters: ['echo', 'hi'] };
    return { params, task: Object.freeze({ Name: 'main', Engine: { Type: 'docker', Params: params } }) as unknown as TaskSpec<'batch'> };
  };

  it('.task(Object.freeze(plain task)): the built job is deeply frozen and independent of the caller', () => {
    const { params, task } = plainTask();
    const job = checked(Job.batch('a').task(task).build());
    expect(unfrozenPaths(job)).toEqual([]);
    params.Image = '';
    expect(job.Tasks[0]?.Engine.Params).toStrictEqual({ Image: 'busybox:1.37.0', Parameters: ['echo', 'hi'] });
  });

  it('Job.from(Object.freeze(plain job)): the built job is deeply frozen and independent of the caller', () => {
    const { params, task } = plainTask();
    const job = checked(Job.from(Object.freeze({ Name: 'a', Type: 'batch', Tasks: [task] }) as unknown as JobSpec<'batch'>).build());
    expect(unfrozenPaths(job)).toEqual([]);
    params.Image = '';
    expect(job.Tasks[0]?.Engine.Params).toStrictEqual({ Image: 'busybox:1.37.0', Parameters: ['echo', 'hi'] });
  });

  it('Task.from(Object.freeze(plain task), type): the built task is deeply frozen and independent of the caller', () => {
    const { params, task } = plainTask();
    const built = checkedTask(Task.from(task, 'batch').build());
    expect(unfrozenPaths(built)).toEqual([]);
    params.Image = '';
    expect(built.Engine.Params).toStrictEqual({ Image: 'busybox:1.37.0', Parameters: ['echo', 'hi'] });
  });
});

describe('a job read with more than one task', () => {
  it('cannot build until its task is replaced, then builds with exactly one task', () => {
    const task = { Name: 'main', Engine: { Type: 'docker', Params: { Image: 'alpine' } } };
    const twoTasks = Job.from({ Name: 'a', Type: 'batch', Tasks: [task, { ...task, Name: 'second' }] } as unknown as JobSpec<'batch'>);
    expect(twoTasks.validate().problems.map((p) => `${p.path} ${p.rule}`)).toContain('Tasks[1] single-task');
    const fixed = twoTasks.task((t) => t.name('only').engine(engine.docker('alpine'))).build();
    expect(fixed.Tasks.map((t) => t.Name)).toEqual(['only']);
  });
});

describe('parseJob with a job type', () => {
  const text = 'Name: nightly\nType: ops\nTasks:\n  - Name: main\n    Engine: {Type: docker, Params: {Image: alpine}}\n';

  it('accepts a job of that type', () => {
    expect(parseJob(text, { jobType: 'ops' }).Type).toBe('ops');
  });

  it('refuses a job of another type, at its Type', () => {
    const result = safeParseJob(text, { jobType: 'batch' });
    expect(result.problems.map((p) => `${p.line}:${p.column} ${p.path} ${p.rule}`)).toEqual(['2:7 Type job-type']);
  });
});

describe('what the real Bacalhau refuses (found by the differential run)', () => {
  const base = { Type: 'batch', Tasks: [{ Name: 'main', Engine: { Type: 'docker', Params: { Image: 'busybox' } } }] };

  it.each(['Name', 'Namespace'] as const)('a %s of only white space is refused; an empty one means unset', (key) => {
    expect(safeParseJob({ ...base, [key]: ' \t' }).problems.map((p) => `${p.path} ${p.rule}`)).toEqual([`${key} not-blank`]);
    expect(safeParseJob({ ...base, [key]: '' }).valid).toBe(true);
    expect(safeParseJob({ ...base, [key]: ' padded ' }).valid).toBe(true);
  });

  it.each(['a//b', '/a', 'a/'])('a Name or Namespace %s with an empty part between slashes is refused', (value) => {
    for (const key of ['Name', 'Namespace']) {
      expect(safeParseJob({ ...base, [key]: value }).problems.map((p) => `${p.path} ${p.rule}`)).toEqual([`${key} not-blank`]);
    }
    expect(safeParseJob({ ...base, Name: 'team/job', Namespace: 'team/ns' }).valid).toBe(true);
  });

  it('a whole number written with a fraction or exponent in an integer field is refused, with its place in the text', () => {
    const result = safeParseJob('Type: batch\nPriority: 1e3\nTasks:\n  - Name: m\n    Engine: {Type: docker, Params: {Image: b}}\n    Timeouts: {QueueTimeout: 60.0}\n');
    expect(result.problems.map((p) => `${p.line}:${p.column} ${p.path} ${p.rule}`)).toEqual(['2:11 Priority integer', '6:30 Tasks[0].Timeouts.QueueTimeout integer']);
    expect(safeParseJob('{"Type": "batch", "Priority": 5, "Tasks": [{"Name": "m", "Engine": {"Type": "docker", "Params": {"Image": "b"}}}]}').valid).toBe(true);
    // Objects carry no literal: 1.0 and 1 are the same number there.
    expect(safeParseJob({ ...base, Priority: 1.0 }).valid).toBe(true);
  });

  it('the builder refuses a white-space name too', () => {
    expect(() => Job.batch('   ').task((t) => t.name('main').engine(engine.docker('busybox'))).build()).toThrow(/Name: a job name of only white space/);
  });
});

describe('forks that remove and replace', () => {
  const base = () =>
    Job.batch('base')
      .labels({ env: 'prod', team: 'data' })
      .meta({ owner: 'data-team', ticket: 'OPS-12' })
      .constraint('region', 'in', ['eu-west-1'])
      .constraint('Operating-System', '=', ['linux'])
      .constraint('region', 'notin', ['eu-west-3'])
      .constraint('GPU-0', 'exists')
      .task(mainTask());

  it('removeLabel and removeMeta remove one key; an emptied map is left out', () => {
    const job = checked(base().removeLabel('team').removeMeta('ticket').build());
    expect(job.Labels).toStrictEqual({ env: 'prod' });
    expect(job.Meta).toStrictEqual({ owner: 'data-team' });
    const bare = checked(base().removeLabel('env').removeLabel('team').removeMeta('owner').removeMeta('ticket').build());
    expect('Labels' in bare).toBe(false);
    expect('Meta' in bare).toBe(false);
    expect(checked(base().removeLabel('env').label('env', 'dev').build()).Labels).toStrictEqual({ team: 'data', env: 'dev' });
  });

  it('removeConstraint removes every constraint on a key, whatever its operator, keeping the others in order', () => {
    const job = checked(base().removeConstraint('region').build());
    expect(job.Constraints).toStrictEqual([
      { Key: 'Operating-System', Operator: '=', Values: ['linux'] },
      { Key: 'GPU-0', Operator: 'exists' },
    ]);
    const moved = checked(base().removeConstraint('region').constraint('region', 'in', ['us-east-1']).build());
    expect(moved.Constraints?.map((c) => `${c.Key} ${c.Operator} ${c.Values?.join(',') ?? ''}`)).toEqual([
      'Operating-System = linux',
      'GPU-0 exists ',
      'region in us-east-1',
    ]);
    const none = checked(base().removeConstraint('region').removeConstraint('Operating-System').removeConstraint('GPU-0').build());
    expect('Constraints' in none).toBe(false);
    // Keys are compared exactly.
    expect(checked(base().removeConstraint('Region').build()).Constraints).toHaveLength(4);
  });

  it('removing what is absent changes nothing: an equal job from a new builder', () => {
    const builder = base();
    const built = checked(builder.build());
    const same = builder.removeLabel('none').removeMeta('none').removeConstraint('none');
    expect(same).not.toBe(builder);
    expect(checked(same.build())).toStrictEqual(built);
    expect(checked(Job.ops('o').removeLabel('a').removeMeta('b').removeConstraint('c').task(Task.ops().name('m').engine(docker)).build())).toStrictEqual({
      Name: 'o',
      Type: 'ops',
      Tasks: [Task.ops().name('m').engine(docker).build()],
    });
  });

  it('leaves the receiver unchanged and keeps forks independent', () => {
    const builder = base();
    const before = toJSON(builder.build());
    const a = builder.removeLabel('team').removeConstraint('region');
    const b = builder.removeMeta('owner').removeConstraint('GPU-0').label('team', 'ml');
    expect(toJSON(builder.build())).toBe(before);
    const [aJob, bJob] = [checked(a.build()), checked(b.build())];
    expect(aJob.Labels).toStrictEqual({ env: 'prod' });
    expect(aJob.Constraints).toHaveLength(2);
    expect(aJob.Meta).toStrictEqual({ owner: 'data-team', ticket: 'OPS-12' });
    expect(bJob.Labels).toStrictEqual({ env: 'prod', team: 'ml' });
    expect(bJob.Constraints?.map((c) => c.Key)).toEqual(['region', 'Operating-System', 'region']);
    expect(bJob.Meta).toStrictEqual({ ticket: 'OPS-12' });
    // What a removal did not touch is shared.
    expect(aJob.Tasks[0]).toBe(bJob.Tasks[0]);
    expect(aJob.Meta).toBe(builder.build().Meta);
  });

  it('argument problems of a removed value disappear; later constraints keep theirs at their new index', () => {
    const fn = (() => 'x') as unknown as string;
    const broken = Job.batch('a')
      .constraint('a', 'in', [fn])
      .constraint('b', '=', ['ok'])
      .constraint('c', 'in', [fn])
      .label('bad', fn)
      .meta('bad', fn)
      .task(mainTask());
    const jsonProblems = (problems: readonly Problem[]) => at(problems).filter((p) => p.rule === 'json-value');
    expect(jsonProblems(broken.validate().problems)).toEqual([
      { path: 'Constraints[0].Values[0]', rule: 'json-value' },
      { path: 'Constraints[2].Values[0]', rule: 'json-value' },
      { path: 'Labels.bad', rule: 'json-value' },
      { path: 'Meta.bad', rule: 'json-value' },
    ]);
    const fewer = broken.removeConstraint('a').removeLabel('bad').removeMeta('bad');
    expect(jsonProblems(fewer.validate().problems)).toEqual([{ path: 'Constraints[1].Values[0]', rule: 'json-value' }]);
    expect(broken.removeConstraint('a').removeConstraint('c').removeLabel('bad').removeMeta('bad').validate().problems).toEqual([]);
  });

  it('JavaScript callers: non-string keys throw', () => {
    const untyped = base() as any;
    expect(thrownProblems(() => untyped.removeLabel(1))).toEqual([{ path: 'Labels', rule: 'type' }]);
    expect(thrownProblems(() => untyped.removeMeta(undefined))).toEqual([{ path: 'Meta', rule: 'type' }]);
    expect(thrownProblems(() => untyped.removeConstraint(null))).toEqual([{ path: 'Constraints', rule: 'type' }]);
  });
});

describe('.updateTask()', () => {
  const data = (url: string) => source.urlDownload(url);
  const base = () =>
    Job.batch('train')
      .count(2)
      .label('experiment', 'x')
      .task((t) =>
        t
          .name('main')
          .engine(docker)
          .input(data('https://example.com/full.csv'), { target: '/data' })
          .input(source.ipfs('QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG'), { target: '/code' })
          .publisher(publisher.local())
          .resultPath('out', '/outputs')
          .env('MODE', 'full'),
      );

  it('edits the current task and keeps the rest of the job', () => {
    const job = checked(
      base()
        .updateTask((t) => t.removeInput('/data').input(data('https://example.com/sample.csv'), { target: '/data' }).env('MODE', 'sample'))
        .build(),
    );
    const original = checked(base().build());
    expect(job.Count).toBe(2);
    expect(job.Labels).toStrictEqual({ experiment: 'x' });
    expect(job.Tasks).toHaveLength(1);
    expect(job.Tasks[0]?.InputSources?.map((i) => `${i.Target} ${String(i.Source.Params?.['URL'] ?? i.Source.Params?.['CID'])}`)).toEqual([
      '/code QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG',
      '/data https://example.com/sample.csv',
    ]);
    expect(job.Tasks[0]?.Env).toStrictEqual({ MODE: 'sample' });
    // The same as rebuilding the task with Task.from and setting it again.
    const byHand = checked(Job.from(original).task(Task.from(original.Tasks[0] as TaskSpec<'batch'>).removeInput('/data').input(data('https://example.com/sample.csv'), { target: '/data' }).env('MODE', 'sample')).build());
    expect(job).toStrictEqual(byHand);
  });

  it('hands the callback a complete builder of the job type, holding the current task', () => {
    let seen: TaskSpec | undefined;
    const job = checked(
      Job.service('web')
        .task(Task.service().name('web').engine(engine.docker('nginx')))
        .updateTask((t) => {
          seen = t.build();
          return t.name('renamed');
        })
        .build(),
    );
    expect(seen).toStrictEqual({ Name: 'web', Engine: { Type: 'docker', Params: { Image: 'nginx' } } });
    expect(job.Tasks[0]?.Name).toBe('renamed');
    // Returning the builder unchanged rebuilds an equal job.
    const built = checked(base().build());
    expect(checked(base().updateTask((t) => t).build())).toStrictEqual(built);
  });

  it('works on a job read with Job.from (parsed or built)', () => {
    const parsed = parseJob(toYAML(base().build()), { jobType: 'batch' });
    const job = checked(Job.from(parsed).updateTask((t) => t.removeResultPath('out').resultPath('model', '/model')).build());
    expect(job.Tasks[0]?.ResultPaths).toStrictEqual([{ Name: 'model', Path: '/model' }]);
    expect(parsed.Tasks[0]?.ResultPaths).toStrictEqual([{ Name: 'out', Path: '/outputs' }]);
  });

  it('leaves the receiver unchanged, keeps forks independent and shares what they did not change', () => {
    const builder = base();
    const before = toJSON(builder.build());
    const forks = ['0.1', '0.01', '0.001'].map((rate) => builder.updateTask((t) => t.env('RATE', rate)));
    expect(toJSON(builder.build())).toBe(before);
    const jobs = forks.map((fork) => checked(fork.build()));
    expect(jobs.map((job) => job.Tasks[0]?.Env)).toEqual([
      { MODE: 'full', RATE: '0.1' },
      { MODE: 'full', RATE: '0.01' },
      { MODE: 'full', RATE: '0.001' },
    ]);
    const original = builder.build();
    for (const job of jobs) {
      expect(job.Tasks[0]?.Engine).toBe(original.Tasks[0]?.Engine);
      expect(job.Tasks[0]?.InputSources).toBe(original.Tasks[0]?.InputSources);
      expect(job.Labels).toBe(original.Labels);
    }
    // Updates compose: a fork of a fork sees both changes, its parent only its own.
    const twice = forks[0]?.updateTask((t) => t.removeEnv('MODE'));
    expect(twice?.build().Tasks[0]?.Env).toStrictEqual({ RATE: '0.1' });
    expect(forks[0]?.build().Tasks[0]?.Env).toStrictEqual({ MODE: 'full', RATE: '0.1' });
  });

  it('the task keeps its argument problems, which a removal inside the callback clears', () => {
    const fn = (() => 'x') as unknown as string;
    const broken = Job.batch('a')
      .constraint('k', 'in', [fn])
      .task((t) => t.name('m').engine(docker).input(source.ipfs('Qm1'), { target: '/ok' }).input({ Type: 'ipfs', Params: { CID: fn } } as never, { target: '/bad' }).env('A', fn));
    const jsonProblems = (problems: readonly Problem[]) => at(problems).filter((p) => p.rule === 'json-value');
    expect(jsonProblems(broken.validate().problems)).toEqual([
      { path: 'Constraints[0].Values[0]', rule: 'json-value' },
      { path: 'Tasks[0].InputSources[1].Source.Params.CID', rule: 'json-value' },
      { path: 'Tasks[0].Env.A', rule: 'json-value' },
    ]);
    // An unrelated edit keeps every problem, at the same paths.
    expect(jsonProblems(broken.updateTask((t) => t.meta('k', 'v')).validate().problems)).toEqual(jsonProblems(broken.validate().problems));
    // Inside the callback the task builder sees its own problems…
    broken.updateTask((t) => {
      expect(at(t.validate().problems).filter((p) => p.rule === 'json-value')).toEqual([
        { path: 'InputSources[1].Source.Params.CID', rule: 'json-value' },
        { path: 'Env.A', rule: 'json-value' },
      ]);
      return t;
    });
    // …and removing the values that caused them clears them; the job's own stay.
    const fixed = broken.updateTask((t) => t.removeInput('/bad').removeEnv('A'));
    expect(at(fixed.validate().problems).every((p) => p.path.startsWith('Constraints[0]'))).toBe(true);
    expect(jsonProblems(fixed.validate().problems)).toEqual([{ path: 'Constraints[0].Values[0]', rule: 'json-value' }]);
    expect(fixed.removeConstraint('k').validate().problems).toEqual([]);
  });

  it('keeps the problem of a job read with more than one task (only .task() replaces the others)', () => {
    const task = { Name: 'main', Engine: { Type: 'docker', Params: { Image: 'alpine' } } };
    const twoTasks = Job.from({ Name: 'a', Type: 'batch', Tasks: [task, { ...task, Name: 'second' }] } as unknown as JobSpec<'batch'>);
    const updated = twoTasks.updateTask((t) => t.env('A', 'b'));
    expect(at(updated.validate().problems)).toEqual([{ path: 'Tasks[1]', rule: 'single-task' }]);
  });

  it('JavaScript callers: without a task it throws path Tasks rule required; a bad callback throws', () => {
    const empty = Job.batch('a').label('k', 'v') as any;
    expect(thrownProblems(() => empty.updateTask((t: unknown) => t))).toEqual([{ path: 'Tasks', rule: 'required' }]);
    const ready = base() as any;
    expect(thrownProblems(() => ready.updateTask('nope'))).toEqual([{ path: 'Tasks[0]', rule: 'type' }]);
    expect(thrownProblems(() => ready.updateTask(() => 'nope'))).toEqual([{ path: 'Tasks[0]', rule: 'type' }]);
    expect(thrownProblems(() => ready.updateTask((t: { build(): unknown }) => t.build()))).toEqual([{ path: 'Tasks[0]', rule: 'type' }]);
    expect(thrownProblems(() => ready.updateTask(() => Task.service().name('m').engine(docker)))).toEqual([{ path: 'Tasks[0]', rule: 'job-type' }]);
    try {
      empty.updateTask((t: unknown) => t);
    } catch (error) {
      expect((error as Error).message).toContain('call .task(…) before .updateTask(…)');
    }
  });
});

describe('argument problems of a value set again (one behaviour for both builders)', () => {
  const finish = (builder: ReturnType<typeof Job.batch>) => builder.task((t) => t.name('m').engine(engine.docker('b'))).validate();

  it.each(['label', 'meta'] as const)('.%s(key, bad).%s(key, good) forgets the bad value, as the task builder does', (method) => {
    const bad = (() => 1) as unknown as string;
    const replaced = finish(Job.batch('x')[method]('team', bad)[method]('team', 'ok'));
    expect(replaced.problems).toEqual([]);
    expect(replaced.spec?.[method === 'label' ? 'Labels' : 'Meta']).toEqual({ team: 'ok' });
    const kept = finish(Job.batch('x')[method]('team', bad)[method]('other', 'ok'));
    expect(kept.problems.map((p) => `${p.path} ${p.rule}`)).toContain(`${method === 'label' ? 'Labels' : 'Meta'}.team json-value`);
    // The task builder, for comparison.
    expect(Task.batch().name('m').engine(engine.docker('b')).meta('team', bad).meta('team', 'ok').validate().problems).toEqual([]);
  });
});

describe('Job.of: a job type known only at run time', () => {
  it.each(['batch', 'ops', 'service', 'daemon'] as const)('builds a %s job like the named starter', (type) => {
    const task = (t: any) => {
      const named = t.name('main').engine(engine.docker('alpine:3.20'));
      return type === 'batch' || type === 'ops' ? named.publisher(publisher.local()) : named;
    };
    const viaOf = Job.of(type as JobType, 'etl').task(task).build();
    const viaStarter = (Job[type] as (name: string) => any)('etl').task(task).build();
    expect(viaOf).toEqual(viaStarter);
    expect(viaOf.Type).toBe(type);
  });

  it('refuses a job type that does not exist, naming the valid ones', () => {
    let thrown: unknown;
    try {
      Job.of('Batch' as JobType, 'etl');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(BacalhauSpecError);
    expect((thrown as BacalhauSpecError).problems).toEqual([
      expect.objectContaining({ path: 'Type', rule: 'job-type', message: 'unknown job type "Batch": use one of batch, ops, service, daemon (lowercase)' }),
    ]);
  });

  it('refuses a task of another type, as the named starters do for JavaScript callers', () => {
    const batchTask = Task.batch().name('main').engine(engine.docker('alpine:3.20')).publisher(publisher.local());
    let thrown: unknown;
    try {
      Job.of('service' as JobType, 'web').task(batchTask);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(BacalhauSpecError);
    expect((thrown as BacalhauSpecError).problems.map((p) => [p.path, p.rule])).toEqual([['Tasks[0]', 'job-type']]);
  });
});

describe('JOB_TYPE_TRAITS: one table for what each job type is', () => {
  it('reads as the types say: scalable batch and service, results from batch and ops', () => {
    expectTypeOf<ScalableJobType>().toEqualTypeOf<'batch' | 'service'>();
    expectTypeOf<ResultJobType>().toEqualTypeOf<'batch' | 'ops'>();
    expectTypeOf<JobTypeWith<'runsUntilStopped'>>().toEqualTypeOf<'service' | 'daemon'>();
  });

  it.each(JOB_TYPES)('%s: .count(), Count > 1, publishesResults and the never-ending warnings follow the table', (type) => {
    const traits = JOB_TYPE_TRAITS[type];
    const countable = (Job.of(type, 'j') as unknown as { count(n: number): unknown });
    if (traits.scalable) expect(() => countable.count(2)).not.toThrow();
    else expect(() => countable.count(2)).toThrow(BacalhauSpecError);
    const task = { Name: 'main', Engine: { Type: 'docker', Params: { Image: 'alpine' } }, Publisher: { Type: 'local' }, Timeouts: { ExecutionTimeout: 60, QueueTimeout: 30, TotalTimeout: 120 } };
    const report = validateJob({ Name: 'j', Type: type, Count: 2, Tasks: [task] });
    expect(report.problems.some((p) => p.path === 'Count' && p.rule === 'count')).toBe(!traits.scalable);
    expect(publishesResults(type)).toBe(traits.publishesResults);
    // Every timeout set, and a warning for exactly those the job type does not apply.
    const ignored = report.warnings.filter((w) => w.path.startsWith('Tasks[0].Timeouts.') && w.rule === 'job-type').map((w) => w.path.slice('Tasks[0].Timeouts.'.length));
    expect(ignored).toEqual(['ExecutionTimeout', 'QueueTimeout', 'TotalTimeout'].filter((key) => !traits.timeouts.includes(key as never)));
    expect(ignored.length > 0).toBe(traits.runsUntilStopped);
  });
});
