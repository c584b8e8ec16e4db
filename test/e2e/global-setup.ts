/**
 * Builds (or finds) Bacalhau and the WASI test modules, starts one node
 * (orchestrator + compute, all on loopback) shared by the suite, and stops it
 * afterwards, whether the tests passed or not.
 */
import type { TestProject } from 'vitest/node';
import { buildWasmModules, ensureBinary, startNode, type BacalhauNode } from '../../scripts/bacalhau.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared node. */
    bacalhau: { url: string; pid: number; nodeId: string; publisherPort: number };
    /** WASI module name → absolute path of its .wasm file. */
    wasm: Record<string, string>;
    /** The Bacalhau binary. */
    bacalhauBin: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const log = (message: string): void => {
    process.stderr.write(`[e2e] ${message}\n`);
  };
  const started = Date.now();
  const bin = await ensureBinary({ log });
  const wasm = await buildWasmModules({ log });
  let node: BacalhauNode | undefined;
  try {
    node = await startNode({});
  } catch (error) {
    log(`could not start Bacalhau: ${error instanceof Error ? error.message : String(error)}`);
    throw error;
  }
  log(`Bacalhau ready at ${node.url} (binary and modules ${((Date.now() - started) / 1000).toFixed(1)} s, node start ${node.readyMs} ms)`);
  project.provide('bacalhau', { url: node.url, pid: node.pid, nodeId: node.nodeId, publisherPort: node.publisherPort });
  project.provide('wasm', wasm);
  project.provide('bacalhauBin', bin);
  return async () => {
    await node?.cleanup();
  };
}
