/**
 * The main job of this repository: builds the example jobs and prints each as
 * the YAML `bacalhau job run` reads, then reads it back to show the round trip.
 * Run with `npm start`.
 */
import { parseJob, toYAML } from '../src/index.js';
import { jobs } from './jobs.js';

for (const [name, value] of Object.entries(jobs)) {
  for (const job of Array.isArray(value) ? value : [value]) {
    const yaml = toYAML(job);
    const readBack = parseJob(yaml);
    console.log(`# ${name}: ${readBack.Tasks[0].Name} (${readBack.Type}), read back intact: ${JSON.stringify(readBack) === JSON.stringify(job)}`);
    console.log(yaml);
  }
}
