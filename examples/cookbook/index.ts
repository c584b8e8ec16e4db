/**
 * Every cookbook recipe (docs/cookbook.md), by name. The tests validate each
 * one and check that every file in this directory is listed here.
 */
import type { JobSpec } from '../../src/index.js';
import { job as daemon } from './daemon.js';
import { job as dockerS3 } from './docker-s3.js';
import { job as opsAllNodes } from './ops-all-nodes.js';
import { jobs as parameterSweep } from './parameter-sweep.js';
import { job as repairFile } from './repair-file.js';
import { job as serviceBridge } from './service-bridge.js';
import { job as wasmInline } from './wasm-inline.js';

/** Recipe name (the file name in camelCase) → its job, or its jobs for the sweep. */
export const recipes = Object.freeze({
  dockerS3,
  wasmInline,
  opsAllNodes,
  serviceBridge,
  daemon,
  parameterSweep,
  repairFile,
}) satisfies Readonly<Record<string, JobSpec | readonly JobSpec[]>>;
