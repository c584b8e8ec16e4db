/**
 * What `npm install bacalhau-jobs` gets: the packed files (from `npm pack
 * --dry-run`, so dist/ must be built: `npm test` builds first), the manifest's
 * runtime dependencies (no build tools; each one used by dist/), the registry
 * metadata, and the one-line error of the CLI's TypeScript loader when the
 * optional peer dependency tsx is not installed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

interface Manifest {
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
  readonly peerDependencies?: Readonly<Record<string, string>>;
  readonly peerDependenciesMeta?: Readonly<Record<string, { readonly optional?: boolean }>>;
  readonly repository?: { readonly type?: string; readonly url?: string };
  readonly homepage?: string;
  readonly bugs?: { readonly url?: string };
  readonly keywords?: readonly string[];
  readonly license?: string;
}

const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Manifest;

/** Compilers, bundlers and test tools: none may be installed for a user of the library. */
const BUILD_TOOLS = ['tsx', 'esbuild', 'typescript', 'ts-node', 'vitest', 'tsd', 'typedoc', 'rolldown', 'vite'];

describe('the packed package', () => {
  const [packed] = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })) as [{ files: { path: string }[] }];
  const files = new Set(packed.files.map((file) => file.path));

  it.each(['LICENSE', 'README.md', 'package.json', 'dist/index.js', 'dist/index.d.ts', 'dist/node/index.js', 'dist/cli/main.js', 'dist/cli/load-typescript.js', 'dist/schema/job.json'])('ships %s', (path) => {
    expect(files).toContain(path);
  });

  it('ships no sources, tests or source maps', () => {
    expect([...files].filter((path) => !path.startsWith('dist/') && !['LICENSE', 'README.md', 'package.json'].includes(path))).toEqual([]);
    expect([...files].filter((path) => path.endsWith('.map'))).toEqual([]);
  });

  it('the LICENSE is the Apache License 2.0 the manifest declares', () => {
    const license = readFileSync(join(root, 'LICENSE'), 'utf8');
    expect(manifest.license).toBe('Apache-2.0');
    expect(license).toMatch(/^\s*Apache License\s+Version 2\.0, January 2004\s+http:\/\/www\.apache\.org\/licenses\//);
    expect(license).toContain('TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION');
    expect(license).toContain('9. Accepting Warranty or Additional Liability.');
    expect(license).toContain('END OF TERMS AND CONDITIONS');
  });

  it('every runtime dependency is imported by a shipped file', () => {
    const shipped = [...files].filter((path) => /\.(?:js|d\.ts)$/.test(path)).map((path) => readFileSync(join(root, path), 'utf8'));
    const unused = Object.keys(manifest.dependencies ?? {}).filter((name) => !shipped.some((code) => code.includes(`'${name}'`) || code.includes(`'${name}/`) || code.includes(`"${name}"`) || code.includes(`"${name}/`)));
    expect(unused).toEqual([]);
  });
});

describe('package.json', () => {
  it('declares no build tool as a runtime dependency', () => {
    expect(Object.keys(manifest.dependencies ?? {}).filter((name) => BUILD_TOOLS.includes(name) || name.startsWith('@types/'))).toEqual([]);
  });

  it('has tsx as an optional peer dependency, and as a dev dependency for the repository', () => {
    expect(manifest.peerDependencies?.tsx).toBeDefined();
    expect(manifest.peerDependenciesMeta?.tsx?.optional).toBe(true);
    expect(manifest.devDependencies?.tsx).toBeDefined();
  });

  it('has the registry metadata', () => {
    expect(manifest.repository).toEqual({ type: 'git', url: 'git+https://github.com/bacalhau-jobs/bacalhau-jobs.git' });
    expect(manifest.homepage).toMatch(/^https:\/\/github\.com\/bacalhau-jobs\/bacalhau-jobs/);
    expect(manifest.bugs?.url).toBe('https://github.com/bacalhau-jobs/bacalhau-jobs/issues');
    expect(manifest.keywords).toEqual(expect.arrayContaining(['bacalhau', 'compute-over-data', 'job', 'spec', 'builder', 'yaml', 'validation', 'client', 'typescript', 'wasm']));
  });
});

describe('loadTypeScriptModule', () => {
  // The loader, compiled from its source, alone in a temporary directory: from there `tsx`
  // resolves only when the test puts one in the directory's node_modules.
  const dir = mkdtempSync(join(tmpdir(), 'bacalhau-jobs-loader-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const source = readFileSync(join(root, 'src/cli/load-typescript.ts'), 'utf8');
  const compiled = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  writeFileSync(join(dir, 'load-typescript.js'), compiled);
  writeFileSync(join(dir, 'job.ts'), "export const answer: number = 42;\n");

  /** Loads job.ts in a fresh Node process run from `dir`; what it printed or threw. */
  function load(): { status: number | null; stdout: string; stderr: string } {
    const script = `
      import { loadTypeScriptModule } from ${JSON.stringify(pathToFileURL(join(dir, 'load-typescript.js')).href)};
      try {
        const exports = await loadTypeScriptModule(${JSON.stringify(pathToFileURL(join(dir, 'job.ts')).href)}, import.meta.url);
        process.stdout.write(JSON.stringify({ answer: exports.answer }));
      } catch (error) {
        process.stdout.write(JSON.stringify({ name: error.name, message: error.message }));
      }`;
    const env = { ...process.env, NODE_PATH: '', NODE_OPTIONS: '' };
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: dir, env, encoding: 'utf8', timeout: 30_000 });
    return { status: run.status, stdout: run.stdout, stderr: run.stderr };
  }

  /** Whether the loader, where it lies, can resolve the package `tsx`. */
  const tsxResolves = (): boolean => {
    try {
      createRequire(join(dir, 'load-typescript.js')).resolve('tsx/package.json');
      return true;
    } catch {
      return false;
    }
  };

  it('without tsx, fails with one line that says what to install', () => {
    expect(tsxResolves()).toBe(false); // else this machine has a tsx above the temporary directory
    const run = load();
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({ name: 'MissingTypeScriptLoaderError', message: 'loading job.ts needs a TypeScript loader: npm install --save-dev tsx' });
  });

  it('with a tsx that has no esm/api (before 4.9), says to upgrade', () => {
    const fake = join(dir, 'node_modules', 'tsx');
    mkdirSync(fake, { recursive: true });
    writeFileSync(join(fake, 'package.json'), JSON.stringify({ name: 'tsx', version: '3.14.0', type: 'module', exports: { '.': './index.js' } }));
    writeFileSync(join(fake, 'index.js'), 'export {};\n');
    try {
      expect(JSON.parse(load().stdout)).toEqual({ name: 'MissingTypeScriptLoaderError', message: 'loading job.ts needs tsx 4.9 or newer as its TypeScript loader: npm install --save-dev tsx@latest' });
    } finally {
      rmSync(join(dir, 'node_modules'), { recursive: true, force: true });
    }
  });

  it('with tsx installed, loads the module (the same compiled loader)', () => {
    mkdirSync(join(dir, 'node_modules'), { recursive: true });
    symlinkSync(join(root, 'node_modules', 'tsx'), join(dir, 'node_modules', 'tsx'), 'dir');
    try {
      expect(tsxResolves()).toBe(true);
      const run = load();
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toEqual({ answer: 42 });
    } finally {
      rmSync(join(dir, 'node_modules'), { recursive: true, force: true });
    }
  });

  it('the loader imports nothing but Node built-ins and tsx (so it runs alone here)', () => {
    const imports = [...compiled.matchAll(/(?:from|import\()\s*['"]([^'"]+)['"]/g)].map((match) => match[1]);
    expect(imports.filter((specifier) => !specifier?.startsWith('node:') && specifier !== 'tsx/esm/api')).toEqual([]);
  });
});
