/**
 * Runs one group of deep-nesting cases for test/hostile-input.test.ts in its
 * own process and prints one JSON line per case. Run by the test as
 * `node --import tsx test/hostile-input-child.ts <group> <depth>`.
 *
 * Why a separate process: a stack overflow in the YAML composer can leave V8
 * in a state where the next deep parse aborts the whole process
 * ("FATAL ERROR: RegExpCompiler Allocation failed - process out of memory"),
 * which no try/catch can stop. In a child, that abort is a failed assertion
 * with its own message instead of a dead test worker.
 *
 * Not a test itself.
 */
import { writeSync } from 'node:fs';
import {
  BacalhauSpecError,
  Job,
  Task,
  engine,
  parseJob,
  parseJobResponse,
  parseTask,
  safeParseJob,
  safeParseTask,
  toJSON,
  toYAML,
  validateJob,
  validateTask,
} from '../src/index.js';

/** What one case did: returned, threw the SDK's error, or threw something else. */
export interface CaseResult {
  readonly label: string;
  readonly outcome: 'ok' | 'sdk' | 'other';
  /** For errors: the class and the first line of the message (and the first problem's rule for SDK errors). */
  readonly detail?: string;
  /** For SDK errors, and for returned reports (`{ valid, problems }`): every problem's rule, in order. */
  readonly rules?: readonly string[];
  /** For returned reports: whether the report says valid. */
  readonly valid?: boolean;
}

function report(result: CaseResult): void {
  // writeSync: lines already printed survive a later abort of the process.
  writeSync(1, `${JSON.stringify(result)}\n`);
}

function run(label: string, f: () => unknown): void {
  try {
    const value = f();
    const returned = value as { valid?: unknown; problems?: unknown } | undefined;
    if (typeof returned === 'object' && returned !== null && typeof returned.valid === 'boolean' && Array.isArray(returned.problems)) {
      report({ label, outcome: 'ok', valid: returned.valid, rules: (returned.problems as { rule: string }[]).map((p) => p.rule) });
    } else {
      report({ label, outcome: 'ok' });
    }
  } catch (error) {
    if (error instanceof BacalhauSpecError) {
      const first = error.problems[0];
      report({ label, outcome: 'sdk', detail: `${first?.rule ?? '?'}: ${first?.message.slice(0, 120) ?? ''}`, rules: error.problems.map((p) => p.rule) });
    } else {
      const name = error instanceof Error ? error.constructor.name : typeof error;
      const message = error instanceof Error ? error.message : String(error);
      const frame = error instanceof Error ? (error.stack ?? '').split('\n').find((line) => line.includes('/src/')) : undefined;
      report({ label, outcome: 'other', detail: `${name}: ${message.split('\n')[0] ?? ''}${frame === undefined ? '' : ` (${frame.trim()})`}` });
    }
  }
}

/** `{ a: { a: … 'leaf' } }`, `depth` objects deep, built without recursion. */
function deepObject(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** `[[[ … ]]]`, `depth` arrays deep. */
function deepArray(depth: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

const jsonTask = (params: string): string => `{"Name":"main","Engine":{"Type":"custom","Params":${params}}}`;
const jsonJob = (params: string): string => `{"Name":"deep","Type":"batch","Tasks":[${jsonTask(params)}]}`;
const deepJsonParams = (depth: number): string => `${'{"a":'.repeat(depth)}"leaf"${'}'.repeat(depth)}`;
const deepJsonArrayParams = (depth: number): string => `{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`;
const deepYamlFlowParams = (depth: number): string => `${'{a: '.repeat(depth)}leaf${'}'.repeat(depth)}`;

const taskObject = (params: unknown): Record<string, unknown> => ({ Name: 'main', Engine: { Type: 'custom', Params: params } });
const jobObject = (params: unknown): Record<string, unknown> => ({ Name: 'deep', Type: 'batch', Tasks: [taskObject(params)] });

const [group, depthArgument] = process.argv.slice(2);
const depth = Number(depthArgument ?? '10000');

switch (group) {
  case 'json-text': {
    // The same input twice, then more: a second deep parse is where the process used to abort.
    const job = jsonJob(deepJsonParams(depth));
    run('parseJob(JSON text) #1', () => parseJob(job));
    run('parseJob(JSON text) #2', () => parseJob(job));
    run('safeParseJob(JSON text)', () => safeParseJob(job));
    run('parseTask(JSON text)', () => parseTask(jsonTask(deepJsonParams(depth))));
    run('safeParseTask(JSON text)', () => safeParseTask(jsonTask(deepJsonParams(depth))));
    run('parseJobResponse(JSON text)', () => parseJobResponse(`{"Job":${job}}`));
    run('parseJob(JSON text, nested arrays)', () => parseJob(jsonJob(deepJsonArrayParams(depth))));
    break;
  }
  case 'yaml-text': {
    const params = deepYamlFlowParams(depth);
    run('parseJob(YAML flow text) #1', () => parseJob(`Type: batch\nTasks:\n  - Name: main\n    Engine:\n      Type: custom\n      Params: ${params}\n`));
    run('parseJob(YAML flow text) #2', () => parseJob(`Type: batch\nTasks:\n  - Name: main\n    Engine:\n      Type: custom\n      Params: ${params}\n`));
    run('parseTask(YAML flow text)', () => parseTask(`Name: main\nEngine: {Type: custom, Params: ${params}}\n`));
    break;
  }
  case 'object': {
    const params = deepObject(depth);
    run('parseJob(object)', () => parseJob(jobObject(params)));
    run('safeParseJob(object)', () => safeParseJob(jobObject(params)));
    run('parseTask(object)', () => parseTask(taskObject(params)));
    run('parseJobResponse(object)', () => parseJobResponse({ Job: jobObject(params) }));
    run('validateJob(object)', () => validateJob(jobObject(params)));
    run('validateTask(object)', () => validateTask(taskObject(params)));
    run('parseJob(object, nested arrays)', () => parseJob(jobObject({ a: deepArray(depth) })));
    break;
  }
  case 'builder': {
    const params = deepObject(depth);
    run('Task.batch().engine(custom deep).build()', () => Task.batch().name('main').engine({ Type: 'custom', Params: params } as never).build());
    run('Task.batch().engine(custom deep).validate()', () => Task.batch().name('main').engine({ Type: 'custom', Params: params } as never).validate());
    run('Job.batch().task(callback with deep engine).build()', () =>
      Job.batch('deep').task((t) => t.name('main').engine({ Type: 'custom', Params: params } as never)).build(),
    );
    run('Job.batch().task(plain deep task).build()', () => Job.batch('deep').task(taskObject(params) as never).build());
    run('Task.from(plain deep task).build()', () => Task.from(taskObject(params) as never, 'batch').build());
    run('Job.from(plain deep job).build()', () => Job.from(jobObject(params) as never).build());
    run('engine.docker(image, deep entrypoint list) build', () =>
      Task.batch().name('main').engine(engine.docker('alpine', { entrypoint: deepArray(depth) as never })).build(),
    );
    break;
  }
  case 'serialize': {
    // A spec the SDK accepts must also be writable: toYAML/toJSON of a valid, deep (custom Params) spec.
    let job: ReturnType<typeof parseJob> | undefined;
    run('parseJob(object) of the deep job', () => (job = parseJob(jobObject(deepObject(depth)))));
    if (job === undefined) break;
    const valid = job;
    run('toJSON(valid deep job)', () => toJSON(valid));
    run('toYAML(valid deep job)', () => toYAML(valid, { onWarning: () => {} }));
    run('parseJob(toJSON(valid deep job))', () => parseJob(toJSON(valid)));
    break;
  }
  default:
    throw new Error(`unknown group ${String(group)}`);
}
