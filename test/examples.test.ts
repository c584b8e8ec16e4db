import { describe, expect, it } from 'vitest';
import { examples } from '../examples/tasks.js';
import { jobs } from '../examples/jobs.js';
import { parseJob, toYAML, validateJob, validateTask, type JobSpec, type TaskSpec } from '../src/index.js';
import { expectValidJob, expectValidTask } from './swagger.js';

const specs: [string, TaskSpec][] = Object.entries(examples).flatMap(([name, value]): [string, TaskSpec][] =>
  isSpecList(value) ? value.map((spec, index): [string, TaskSpec] => [`${name}[${index}]`, spec]) : [[name, value]],
);

function isSpecList(value: TaskSpec | readonly TaskSpec[]): value is readonly TaskSpec[] {
  return Array.isArray(value);
}

describe('examples', () => {
  it.each(specs)('%s is a valid, frozen task that survives JSON', (_name, spec) => {
    expect(validateTask(spec).problems).toEqual([]);
    expectValidTask(spec);
    expect(Object.isFrozen(spec)).toBe(true);
    expect(validateTask(JSON.parse(JSON.stringify(spec))).valid).toBe(true);
  });

  it('the sweep forks differ only where they were changed', () => {
    const [first, second] = examples.sweep;
    expect(first?.Env).toEqual({ LEARNING_RATE: '0.1' });
    expect(second?.Env).toEqual({ LEARNING_RATE: '0.01' });
    expect(first?.Engine).toBe(second?.Engine);
  });
});

describe('example jobs', () => {
  const all = Object.entries(jobs).flatMap(([name, value]) => (Array.isArray(value) ? value : [value]).map((job: JobSpec) => [name, job] as const));

  it.each(all)('%s is a valid job that survives YAML', (_name, job) => {
    expect(validateJob(job).problems).toEqual([]);
    expectValidJob(job);
    expect(parseJob(toYAML(job))).toStrictEqual(job);
  });
});
