/**
 * The Node-only part of the SDK: what needs the file system. Import it from
 * `bacalhau-jobs/node`; the main entry point stays free of Node built-ins.
 *
 * @example
 * ```ts
 * import { BacalhauClient } from 'bacalhau-jobs';
 * import { downloadResults } from 'bacalhau-jobs/node';
 *
 * await downloadResults(new BacalhauClient(), 'j-1234', './results');
 * ```
 *
 * @group Node entry point
 * @module bacalhau-jobs/node
 */
export { downloadResults, UnsafeArchiveError } from './results.js';
export type { DownloadedResult, DownloadResultsOptions } from './results.js';
