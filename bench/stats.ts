/**
 * Running tinybench groups and summarising their samples: median and spread
 * (interquartile range and min/max), computed from the retained samples.
 */
import { Bench, type BenchOptions } from 'tinybench';

/** A distribution summary, in the unit of the samples. */
export interface Summary {
  readonly median: number;
  readonly p25: number;
  readonly p75: number;
  readonly min: number;
  readonly max: number;
  readonly samples: number;
}

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  return sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
}

/** Median, quartiles and extremes of `values`. */
export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    median: quantile(sorted, 0.5),
    p25: quantile(sorted, 0.25),
    p75: quantile(sorted, 0.75),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
    samples: sorted.length,
  };
}

/** `summary` with every value multiplied by `factor` (e.g. ms per batch → µs per item). */
export function scale(summary: Summary, factor: number): Summary {
  // A negative factor would swap the quantiles; only positive factors are used.
  return {
    median: summary.median * factor,
    p25: summary.p25 * factor,
    p75: summary.p75 * factor,
    min: summary.min * factor,
    max: summary.max * factor,
    samples: summary.samples,
  };
}

/**
 * Runs `tasks` side by side in one tinybench instance (warm-up first) and
 * returns each task's latency summary in milliseconds per call.
 */
export async function measure(name: string, tasks: Readonly<Record<string, () => unknown>>, options: BenchOptions): Promise<Record<string, Summary>> {
  const bench = new Bench({ name, warmup: true, retainSamples: true, throws: true, ...options });
  for (const [task, fn] of Object.entries(tasks)) bench.add(task, fn);
  await bench.run();
  const summaries: Record<string, Summary> = {};
  for (const task of bench.tasks) {
    const result = task.result;
    if (result.state !== 'completed') throw new Error(`${name} / ${task.name}: ${result.state}${'error' in result ? `: ${String(result.error)}` : ''}`);
    const samples = result.latency.samples;
    if (samples === undefined) throw new Error(`${name} / ${task.name}: no samples retained`);
    summaries[task.name] = summarize(samples);
  }
  process.stderr.write(`  ${name}: ${Object.entries(summaries).map(([task, s]) => `${task} ${s.median.toPrecision(4)} ms × ${s.samples}`).join(', ')}\n`);
  return summaries;
}
