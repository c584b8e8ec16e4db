/**
 * The layers of src/ (core → schema → validation → io → builders → client →
 * index.ts → node/, cli/) as dependency-cruiser checks them with the rule file
 * .dependency-cruiser.cjs: the tree has no import that runs upward, and the
 * rules do catch one (a scratch tree with one bad import per rule kind); the
 * README's Layout section names what src/ holds.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CRUISER = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const run = promisify(execFile);

interface Violation {
  readonly rule: { readonly name: string };
  readonly from: string;
  readonly to: string;
}

/** The rule violations dependency-cruiser finds under `paths` (relative to `cwd`). */
async function violations(paths: readonly string[], cwd = ROOT): Promise<Violation[]> {
  const config = join(ROOT, '.dependency-cruiser.cjs');
  const args = [CRUISER, ...paths, '--config', config, '--output-type', 'json', '--no-cache'];
  let stdout: string;
  try {
    ({ stdout } = await run(process.execPath, args, { cwd, maxBuffer: 64 * 1024 * 1024 }));
  } catch (error) {
    // It exits non-zero when there are violations; the report is still on stdout.
    stdout = (error as { stdout?: string }).stdout ?? '';
    if (stdout === '') throw error;
  }
  return (JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

describe('the layers of src/', () => {
  it('no import runs upward, and node/ and cli/ use only the public entry points', async () => {
    const found = await violations(['src']);
    expect(found.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`)).toEqual([]);
  }, 60_000);

  it("the README's Layout section lists exactly what src/ holds", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const layout = /## Layout\n[\s\S]*?```\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const listed = [...layout.matchAll(/^ {2}(\S+?)\/?\s/gm)].map((match) => match[1]);
    const entries = readdirSync(join(ROOT, 'src'), { withFileTypes: true }).map((entry) => entry.name);
    expect(listed.slice().sort()).toEqual(entries.sort());
  });

  it('each folder of src/ is a layer the rules know', () => {
    const folders = readdirSync(join(ROOT, 'src'), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    expect(folders.sort()).toEqual(['builders', 'cli', 'client', 'core', 'io', 'node', 'schema', 'validation']);
  });

  describe('the rules catch a wrong import', () => {
    // Inside the project (like test/compilers.ts's scratch dirs), so the same resolver settings apply.
    const scratch = mkdtempSync(join(ROOT, '.tsc-tmp-architecture-'));
    afterAll(() => rmSync(scratch, { recursive: true, force: true }));
    const write = (path: string, code: string): void => {
      mkdirSync(dirname(join(scratch, path)), { recursive: true });
      writeFileSync(join(scratch, path), code);
    };
    write('src/core/json.ts', "import { listOf } from '../builders/state.js';\nexport const x = listOf;\n");
    write('src/builders/state.ts', "export const listOf = 1;\nimport { client } from '../client/client.js';\nexport const y = client;\n");
    write('src/client/client.ts', 'export const client = 1;\n');
    write('src/index.ts', "export { x } from './core/json.js';\n");
    write('src/cli/main.ts', "import { listOf } from '../builders/state.js';\nimport { x } from '../index.js';\nexport const z = [listOf, x];\n");
    write('src/validation/task.ts', "import { z } from '../cli/main.js';\nexport const w = z;\n");

    it('upward, around the public entry, and into the tools', async () => {
      const found = await violations([relative(ROOT, join(scratch, 'src'))]);
      const seen = found.map((v) => `${v.rule.name}: ${v.from.slice(v.from.indexOf('src/'))} → ${v.to.slice(v.to.indexOf('src/'))}`).sort();
      expect(seen).toEqual([
        'builders-imports-downward: src/builders/state.ts → src/client/client.ts',
        'cli-uses-public-entry-points: src/cli/main.ts → src/builders/state.ts',
        'core-imports-downward: src/core/json.ts → src/builders/state.ts',
        'library-does-not-import-node-or-cli: src/validation/task.ts → src/cli/main.ts',
      ]);
    }, 60_000);
  });
});
