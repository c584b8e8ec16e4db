/**
 * The library's entry point must run in browsers: nothing reachable from
 * dist/index.js may import a Node built-in (the CLI lives apart, in dist/cli).
 */
import { builtinModules } from 'node:module';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const entry = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const IMPORT = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every bare specifier imported by the files reachable from `file`. */
function externalImports(file: string, seen = new Set<string>()): Set<string> {
  const found = new Set<string>();
  if (seen.has(file)) return found;
  seen.add(file);
  // Doc comments show `import … from 'bacalhau-jobs'` examples; only code counts.
  const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  for (const match of code.matchAll(IMPORT)) {
    const specifier = match[1] ?? match[2] ?? '';
    if (specifier.startsWith('.')) for (const inner of externalImports(resolve(dirname(file), specifier), seen)) found.add(inner);
    else found.add(specifier);
  }
  return found;
}

describe('the core entry point', () => {
  const imports = externalImports(entry);

  it('imports only its declared runtime dependencies', () => {
    expect([...imports].sort()).toEqual(['yaml']);
  });

  it('imports no Node built-in', () => {
    const builtins = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);
    expect([...imports].filter((name) => builtins.has(name) || name.startsWith('node:'))).toEqual([]);
    expect(join('dist', 'cli', 'main.js')).not.toBe(entry);
  });
});
