// Writes dist/schema/job.json (the JSON Schema for editors) from the built library, after tsc.
import { mkdirSync, writeFileSync } from 'node:fs';
import { jobJsonSchema } from '../dist/schema/json-schema.js';

const target = new URL('../dist/schema/job.json', import.meta.url);
mkdirSync(new URL('.', target), { recursive: true });
writeFileSync(target, `${JSON.stringify(jobJsonSchema(), null, 2)}\n`);
