/**
 * The JSON Schema in a real editor engine: yaml-language-server (what VS Code's
 * YAML extension, Neovim, Helix and Zed run) as a language server over stdio,
 * spoken to with LSP JSON-RPC. Completion offers the canonical keys, a misspelt
 * key gets a diagnostic, and no valid conformance file gets any.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobJsonSchema, safeParseJob } from '../../src/index.js';
import { generateSpecs } from '../differential/generate.js';
import { conformanceDir as conformance, validCorpusFiles } from '../support/corpus.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const WAIT_MS = 20_000;

interface Diagnostic {
  readonly message: string;
  readonly range: { readonly start: { readonly line: number; readonly character: number } };
}
interface CompletionItem {
  readonly label: string;
  readonly documentation?: unknown;
}

/** A minimal LSP client: Content-Length framing, requests with ids, every wait bounded. */
class LanguageServer {
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, (message: { result?: unknown; error?: { message: string } }) => void>();
  readonly diagnostics = new Map<string, Diagnostic[]>();
  private readonly waiters: (() => void)[] = [];
  readonly stderr: string[] = [];
  /** What the server gets when it asks for its configuration, by section. */
  settings: Record<string, unknown> = {};

  constructor(private readonly process: ChildProcessWithoutNullStreams) {
    process.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    process.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString('utf8')));
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd === -1) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')) as {
        id?: number;
        method?: string;
        params?: { uri?: string; diagnostics?: Diagnostic[] };
        result?: unknown;
        error?: { message: string };
      };
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      if (body.method === undefined && body.id !== undefined) {
        this.pending.get(body.id)?.(body);
        this.pending.delete(body.id);
      } else if (body.method !== undefined && body.id !== undefined) {
        // A request from the server (workspace/configuration, client/registerCapability, …): answer it plainly.
        // The server pulls its settings (sections yaml, http, [yaml], editor) even after didChangeConfiguration.
        const items = (body.params as { items?: { section?: string }[] } | undefined)?.items ?? [];
        this.send({ jsonrpc: '2.0', id: body.id, result: body.method === 'workspace/configuration' ? items.map((item) => this.settings[item.section ?? ''] ?? null) : null });
      } else if (body.method === 'textDocument/publishDiagnostics' && body.params?.uri !== undefined) {
        this.diagnostics.set(body.params.uri, body.params.diagnostics ?? []);
        for (const wake of this.waiters.splice(0)) wake();
      }
    }
  }

  private send(message: object): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.process.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`, 'ascii'), body]));
  }

  notify(method: string, params: object): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  request<T>(method: string, params: object): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${method}: no answer in ${WAIT_MS} ms; stderr: ${this.stderr.join('')}`)), WAIT_MS);
      this.pending.set(id, (message) => {
        clearTimeout(timer);
        if (message.error !== undefined) reject(new Error(`${method}: ${message.error.message}`));
        else resolve(message.result as T);
      });
      this.send({ jsonrpc: '2.0', id, method, params });
    });
  }

  /** Waits (bounded) until `done` holds after a diagnostics notification. */
  async until(done: () => boolean, what: string): Promise<void> {
    const deadline = Date.now() + WAIT_MS;
    while (!done()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for ${what}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 500));
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}

const MISSPELT = `Type: batch
Tasks:
  - Name: main
    Engine:
      Type: docker
      Params:
        Image: alpine
    Timeout:
      ExecutionTimeout: 60
`;

/** Positions are 0-based (line, character); `|` marks the cursor, and is removed. */
const COMPLETION = `Type: batch
Tasks:
  - Name: main
    |
`;
const ENGINE_COMPLETION = `Type: batch
Tasks:
  - Name: main
    Engine:
      |
`;

function cursor(text: string): { text: string; line: number; character: number } {
  const before = text.slice(0, text.indexOf('|')).split('\n');
  return { text: text.replace('|', ''), line: before.length - 1, character: before.at(-1)?.length ?? 0 };
}

describe('yaml-language-server with the JSON Schema', () => {
  let server: LanguageServer;
  let child: ChildProcessWithoutNullStreams;
  let dir: string;
  const documentUri = (name: string): string => `file:///bacalhau-jobs-editor-test/${name}`;
  let version = 0;
  const open = (name: string, text: string): string => {
    const uri = documentUri(name);
    server.diagnostics.delete(uri);
    server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: ++version, text } });
    return uri;
  };
  const timings: string[] = [];
  let started = 0;

  beforeAll(async () => {
    started = Date.now();
    dir = mkdtempSync(join(tmpdir(), 'bacalhau-jobs-schema-'));
    const schemaFile = join(dir, 'job.json');
    writeFileSync(schemaFile, JSON.stringify(jobJsonSchema()));
    child = spawn(process.execPath, [join(root, 'node_modules/yaml-language-server/bin/yaml-language-server'), '--stdio'], { cwd: dir, stdio: 'pipe' });
    server = new LanguageServer(child);
    await server.request('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: { textDocument: { completion: { completionItem: { documentationFormat: ['markdown', 'plaintext'] } }, publishDiagnostics: {} } },
    });
    server.notify('initialized', {});
    server.settings = {
      yaml: {
        validate: true,
        completion: true,
        hover: true,
        // Bacalhau reads YAML 1.1 (yes/no/on/off are booleans), and so does the SDK.
        yamlVersion: '1.1',
        // No network: never fetch the schema store's catalogue.
        schemaStore: { enable: false },
        schemas: { [pathToFileURL(schemaFile).href]: ['*.yaml', '*.yml', '*.json'] },
      },
    };
    server.notify('workspace/didChangeConfiguration', { settings: server.settings });
    // The settings arrive asynchronously: a document with a mistake proves the schema is in use.
    const sentinel = open('sentinel.yaml', 'Type: batch\nUnknownKey: 1\n');
    await server.until(() => (server.diagnostics.get(sentinel)?.length ?? 0) > 0, 'the schema to be in use');
    timings.push(`server up and using the schema in ${Date.now() - started} ms`);
  }, 60_000);

  afterAll(() => {
    child?.kill();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    console.info(`editor: ${timings.join('; ')}; total ${Date.now() - started} ms`);
  });

  it('reports a misspelt task key (Timeout for Timeouts)', async () => {
    const uri = open('misspelt.yaml', MISSPELT);
    await server.until(() => (server.diagnostics.get(uri)?.length ?? 0) > 0, 'a diagnostic on the misspelt key');
    const diagnostics = server.diagnostics.get(uri) ?? [];
    expect(diagnostics.map((d) => d.range.start.line)).toContain(7);
    expect(diagnostics.map((d) => d.message).join('\n')).toMatch(/Property Timeout is not allowed/);
  });

  it('reads lower-case keys as Bacalhau does, and names missing required keys', async () => {
    const uri = open('lower-case.yaml', 'type: batch\ntasks:\n  - engine:\n      type: Docker\n      params: {}\n');
    await server.until(() => (server.diagnostics.get(uri)?.length ?? 0) > 0, 'diagnostics of the lower-case spec');
    const messages = (server.diagnostics.get(uri) ?? []).map((d) => `${d.range.start.line}: ${d.message}`).sort();
    expect(messages).toEqual(['2: Missing property "Name".', '4: Missing property "Image".']);
  });

  it('offers the task keys inside Tasks[0], with their docs', async () => {
    const { text, line, character } = cursor(COMPLETION);
    const uri = open('complete-task.yaml', text);
    const result = await server.request<{ items: CompletionItem[] } | CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line, character } });
    const items = Array.isArray(result) ? result : result.items;
    const labels = items.map((item) => item.label);
    timings.push(`task completion: ${labels.join(', ')}`);
    expect(labels).toEqual(expect.arrayContaining(['Engine', 'Publisher', 'Resources', 'InputSources', 'ResultPaths', 'Timeouts', 'Network', 'Env']));
    expect(labels.some((label) => /^[a-z]/.test(label))).toBe(false);
    expect(JSON.stringify(items.find((item) => item.label === 'Resources'))).toContain('CPU, memory, disk and GPUs');
  });

  it('offers Type and Params inside Engine', async () => {
    const { text, line, character } = cursor(ENGINE_COMPLETION);
    const uri = open('complete-engine.yaml', text);
    const result = await server.request<{ items: CompletionItem[] } | CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position: { line, character } });
    const labels = (Array.isArray(result) ? result : result.items).map((item) => item.label);
    timings.push(`engine completion: ${labels.join(', ')}`);
    expect(labels).toEqual(expect.arrayContaining(['Type', 'Params']));
  });

  it('reports nothing on any valid conformance file', async () => {
    const begin = Date.now();
    const files = validCorpusFiles();
    expect(files.length).toBeGreaterThan(20);
    const uris = files.map((name) => [name, open(`corpus/${name}`, readFileSync(join(conformance, name), 'utf8'))] as const);
    await server.until(() => uris.every(([, uri]) => server.diagnostics.has(uri)), 'diagnostics of every corpus file');
    const flagged = uris.flatMap(([name, uri]) => (server.diagnostics.get(uri) ?? []).map((d) => `${name}:${d.range.start.line + 1}: ${d.message}`));
    expect(flagged).toEqual([]);
    timings.push(`${files.length} corpus files checked in ${Date.now() - begin} ms`);
  }, 60_000);

  it('reports nothing on the SDK-valid specs of the fuzz generator (any key case, YAML and JSON)', async () => {
    const begin = Date.now();
    const specs = generateSpecs(20260127, 400).filter((spec) => safeParseJob(spec.text).valid);
    expect(specs.length).toBeGreaterThan(100);
    const uris = specs.map((spec) => [spec.id, open(`generated/${spec.id}.${spec.format}`, spec.text)] as const);
    await server.until(() => uris.every(([, uri]) => server.diagnostics.has(uri)), 'diagnostics of every generated spec');
    const flagged = uris.flatMap(([id, uri]) => (server.diagnostics.get(uri) ?? []).map((d) => `${id}:${d.range.start.line + 1}: ${d.message}`));
    expect(flagged).toEqual([]);
    timings.push(`${specs.length} generated specs checked in ${Date.now() - begin} ms`);
  }, 60_000);
});
