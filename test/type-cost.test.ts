/**
 * Type-check cost budget, under each TypeScript a user may install. Instantiation
 * counts are deterministic (unlike times), so this fails CI when a change makes
 * builder chains more expensive to check. The two compilers count differently,
 * so each has its own budget.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { STRICT_OPTIONS_JSON, compilers, formatDiagnostics, scratchDir, type CheckResult, type Compiler } from './compilers.js';

const IMPORTS = `import { Job, Task, engine, network, publisher, source } from '../src/index.js';\n`;
const FULL_CHAIN =
  `Task.batch().name('a').engine(engine.docker('x')).input(source.ipfs('Q'), { target: '/i' })` +
  `.input(source.s3({ bucket: 'b' }), { target: '/j' }).publisher(publisher.ipfs()).resultPath('o', '/o')` +
  `.env('A', '1').meta('m', 'v').resources({ cpu: 1 }).network(network.http(['example.com'])).timeouts({ total: 5 }).build()`;
const LONG_CHAIN = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? `.env('V${i}', '${i}')` : `.name('n${i}')`)).join('');
const JOB_CHAIN =
  `Job.batch('j').count(2).label('k', 'v').constraint('region', 'in', ['eu', 'us']).constraint('gpu', 'exists')` +
  `.task((t) => t.name('m').engine(engine.wasm('/m.wasm')).publisher(publisher.local())).build()`;

/**
 * Kysely budgets 279 instantiations for one select(col). A full 12-call task
 * chain measured 223 under TypeScript 6 and 463 under TypeScript 7 (which
 * counts differently) when these budgets were set: each keeps about 3.5x headroom,
 * enough for new features, not for a type that grows with the chain.
 */
const FULL_CHAIN_BUDGET: Record<string, number> = { '6': 800, '7': 1600 };
const JOB_CHAIN_BUDGET: Record<string, number> = { '6': 1000, '7': 1900 };

function budgetFor(budgets: Record<string, number>, compiler: Compiler): number {
  const budget = budgets[compiler.version.split('.')[0] ?? ''];
  if (budget === undefined) throw new Error(`no type-cost budget for ${compiler.name}`);
  return budget;
}

describe.each(compilers)('type-check cost under $name', (compiler) => {
  /** One check per case, side by side; each file sits alone in its own scratch directory. */
  const cases = { baseline: IMPORTS, full: `${IMPORTS}export const t = ${FULL_CHAIN};\n`, job: `${IMPORTS}export const j = ${JOB_CHAIN};\n`, long: `${IMPORTS}export const t = Task.service().engine(engine.docker('x'))${LONG_CHAIN}.build();\n` };
  const results = new Map<keyof typeof cases, CheckResult>();

  beforeAll(async () => {
    const entries = Object.entries(cases) as [keyof typeof cases, string][];
    const checked = await Promise.all(
      entries.map(([, code]) => compiler.checkAsync(new Map([[join(scratchDir(), 'cost.ts'), code]]), { ...STRICT_OPTIONS_JSON, lib: ['ES2022'] })),
    );
    entries.forEach(([name], index) => results.set(name, checked[index]!));
  }, 300_000);

  function costOf(name: keyof typeof cases): number {
    const result = results.get(name)!;
    expect(formatDiagnostics(result.diagnostics)).toEqual([]);
    const cost = result.instantiations - results.get('baseline')!.instantiations;
    if (process.env['BACALHAU_JOBS_VERBOSE']) console.log(`${compiler.name}, ${name} chain: ${cost} instantiations`);
    return cost;
  }

  it('a full 12-call task chain stays within its instantiation budget', () => {
    expect(costOf('full')).toBeLessThanOrEqual(budgetFor(FULL_CHAIN_BUDGET, compiler));
  });

  it('a job chain with constraints and a task callback stays within its budget', () => {
    expect(costOf('job')).toBeLessThanOrEqual(budgetFor(JOB_CHAIN_BUDGET, compiler));
  });

  it('a 200-call chain compiles without "excessively deep" errors', () => {
    expect(formatDiagnostics(results.get('long')!.diagnostics)).toEqual([]);
  });
});
