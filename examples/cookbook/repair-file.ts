/**
 * Recipe: repairing a hand-written job file with the builders.
 *
 * The file has three mistakes: a Count written as a word, a memory size
 * Bacalhau cannot read, and a misspelt key (`Timeout`). `safeParseJob` lists
 * them with their lines and paths and returns the job as read (`draft`);
 * `Job.from(draft)` fixes them and `.build()` checks that nothing is left.
 * See docs/cookbook.md.
 */
import { BacalhauSpecError, Job, safeParseJob, type JobSpec } from '../../src/index.js';

/** `nightly-report.yaml`, as written by hand. */
export const text = `Name: nightly-report
Type: batch
Count: two
Tasks:
  - Name: report
    Engine:
      Type: docker
      Params:
        Image: alpine:3.20
        Entrypoint: [/bin/sh, -c]
        Parameters: ['date > /outputs/date.txt']
    Publisher:
      Type: local
    ResultPaths:
      - Name: outputs
        Path: /outputs
    Resources:
      CPU: 500m
      Memory: 1 gigabyte
    Timeout:
      ExecutionTimeout: 600
`;

const read = safeParseJob(text, { jobType: 'batch' });

/**
 * Every mistake, in the order of the text, each with its line and column, its path
 * (`Tasks[0].Resources.Memory`) and the path's segments (`['Tasks', 0, 'Resources', 'Memory']`):
 * - 3:8 `Count`: must be an integer, got string (`type`)
 * - 19:15 `Tasks[0].Resources.Memory`: invalid memory size '1 gigabyte' (`bytes`)
 * - 20:5 `Tasks[0].Timeout`: unknown key 'Timeout' in task … (did you mean 'Timeouts'?) (`unknown-key`)
 */
export const problems = read.problems;

// The job as read: valid or not. Only text that is no job mapping at all has no draft.
const draft = read.valid ? read.spec : read.draft;
if (draft === undefined) throw new BacalhauSpecError('nightly-report.yaml', read.problems);

// The draft keeps Count 'two' and Memory '1 gigabyte' as written, for these calls to replace;
// the misspelt Timeout is not in it, so its setting is given again under the right name.
export const job: JobSpec<'batch'> = Job.from(draft)
  .count(2)
  .updateTask((task) => task.resources({ memory: '1Gb' }).timeouts({ execution: 600 }))
  .build();
