/** The conformance corpus (../shared/conformance, read in place, never copied). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { safeParseJob } from '../../src/index.js';

export const conformanceDir = fileURLToPath(new URL('../../../shared/conformance/', import.meta.url));

/** The conformance files the SDK accepts (which are valid is what safeParseJob says), by name. */
export function validCorpusFiles(): string[] {
  return readdirSync(conformanceDir)
    .filter((name) => /\.(ya?ml|json)$/.test(name))
    .filter((name) => safeParseJob(readFileSync(join(conformanceDir, name), 'utf8')).valid)
    .sort();
}
