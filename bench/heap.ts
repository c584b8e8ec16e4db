/**
 * Child process of measurement 2: builds N sweep variants, keeps them all
 * alive, and prints the retained heap per variant as one JSON line.
 *
 *   node --expose-gc --import tsx bench/heap.ts <sdk|literal> <N>
 *
 * A fresh process per run keeps one approach's garbage, JIT code and
 * registries out of the other's numbers.
 */
import { validateJob } from '../dist/index.js';
import { deepFreeze } from './deep-freeze.js';
import { literalVariant, sdkVariant } from './fixtures.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error('run with node --expose-gc');

const [mode, count] = process.argv.slice(2);
const n = Number(count);
if ((mode !== 'sdk' && mode !== 'literal') || !Number.isSafeInteger(n) || n <= 0) throw new Error('usage: heap.ts <sdk|literal> <N>');

function literal(i: number): unknown {
  const job = literalVariant(i);
  if (!validateJob(job).valid) throw new Error(`literal variant ${i} is invalid`);
  return deepFreeze(job);
}
const make: (i: number) => unknown = mode === 'sdk' ? sdkVariant : literal;

// Warm up (compiled code and inline caches are not what a variant retains),
// then allocate the array that keeps the variants before the first reading.
for (let i = 0; i < 2_000; i++) make(-1 - i);
const keep: unknown[] = new Array<unknown>(n).fill(null);

function settledHeap(): number {
  for (let i = 0; i < 4; i++) gc!();
  return process.memoryUsage().heapUsed;
}

const before = settledHeap();
const start = performance.now();
for (let i = 0; i < n; i++) keep[i] = make(i);
const elapsed = performance.now() - start;
const after = settledHeap();
if (keep.some((variant) => variant === null)) throw new Error('a variant is missing');

process.stdout.write(`${JSON.stringify({ mode, n, bytesPerVariant: (after - before) / n, totalMs: elapsed })}\n`);
