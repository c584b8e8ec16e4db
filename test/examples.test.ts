import { describe, expect, it } from 'vitest';
import { examples } from '../examples/tasks.js';
import { validateTask } from '../src/index.js';

const specs = Object.entries(examples).flatMap(([name, value]) =>
  Array.isArray(value) ? value.map((spec, index) => [`${name}[${index}]`, spec] as const) : [[name, value] as const],
);

describe('examples', () => {
  it.each(specs)('%s is a valid, frozen task that survives JSON', (_name, spec) => {
    expect(validateTask(spec).problems).toEqual([]);
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
