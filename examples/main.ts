/**
 * The main job of this repository: builds the example task specs and prints
 * each as the JSON Bacalhau accepts. Run with `npm start`.
 */
import { examples } from './tasks.js';

for (const [name, spec] of Object.entries(examples)) {
  console.log(`# ${name}`);
  console.log(JSON.stringify(spec, null, 2));
}
