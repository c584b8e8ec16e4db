/**
 * Type-check cost budget. Instantiation counts are deterministic (unlike times),
 * so this fails CI when a change makes builder chains more expensive to check.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { virtualProgram } from './virtual-program.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const IMPORTS = `import { Task, engine, network, publisher, source } from './src/index.js';\n`;
const FULL_CHAIN =
  `Task.batch().name('a').engine(engine.docker('x')).input(source.ipfs('Q'), { target: '/i' })` +
  `.input(source.s3({ bucket: 'b' }), { target: '/j' }).publisher(publisher.ipfs()).resultPath('o', '/o')` +
  `.env('A', '1').meta('m', 'v').resources({ cpu: 1 }).network(network.http(['example.com'])).timeouts({ total: 5 }).build()`;
/** Kysely budgets 279 instantiations for one select(col); a full 12-call task chain gets 1,500. */
const FULL_CHAIN_BUDGET = 1500;

/** Checks `code` as a file in the project root; returns its diagnostics and the instantiation count. */
function check(code: string): { diagnostics: string[]; instantiations: number } {
  const file = join(root, '__type-cost__.ts');
  const program = virtualProgram(new Map([[file, code]]));
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  return { diagnostics, instantiations: program.getInstantiationCount() };
}

describe('type-check cost', () => {
  const baseline = check(IMPORTS);

  it(`a full 12-call chain costs at most ${FULL_CHAIN_BUDGET} instantiations`, () => {
    const chain = check(`${IMPORTS}export const t = ${FULL_CHAIN};\n`);
    expect(chain.diagnostics).toEqual([]);
    const cost = chain.instantiations - baseline.instantiations;
    console.log(`full chain: ${cost} instantiations`);
    expect(cost).toBeLessThanOrEqual(FULL_CHAIN_BUDGET);
  });

  it('a 200-call chain compiles without "excessively deep" errors', () => {
    const calls = Array.from({ length: 200 }, (_, i) => (i % 2 === 0 ? `.env('V${i}', '${i}')` : `.name('n${i}')`)).join('');
    const long = check(`${IMPORTS}export const t = Task.service().engine(engine.docker('x'))${calls}.build();\n`);
    expect(long.diagnostics).toEqual([]);
  });
});
