/**
 * Downloading and unpacking a job's results in Node: the `local` publisher's
 * `.tar.gz` archives, checked entry by entry before anything is written.
 *
 * @module
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, resolve, sep } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { unpackTar, type UnpackOptionsFS } from 'modern-tar/fs';
import { BacalhauClientError, type BacalhauClient, type JobCallOptions } from '../index.js';

/**
 * Options of {@link downloadResults}.
 *
 * @example
 * ```ts
 * import { BacalhauClient } from 'bacalhau-jobs';
 * import { downloadResults } from 'bacalhau-jobs/node';
 *
 * // Large outputs: allow 30 minutes and 20 GiB per archive.
 * await downloadResults(new BacalhauClient(), 'j-1234', './results', { timeoutMs: 30 * 60_000, maxBytes: 20 * 1024 ** 3 });
 * ```
 *
 * @group Client
 */
export interface DownloadResultsOptions extends JobCallOptions {
  /** The `fetch` for the archives. Default: the global one. */
  readonly fetch?: typeof fetch | undefined;
  /** Per archive, for the whole download. Default 10 minutes. */
  readonly timeoutMs?: number | undefined;
  /** The largest archive accepted, in bytes (compressed). Default 4 GiB. */
  readonly maxBytes?: number | undefined;
}

/**
 * One execution's results, unpacked.
 *
 * @example
 * ```ts
 * import { readFile } from 'node:fs/promises';
 * import { join } from 'node:path';
 * import { BacalhauClient } from 'bacalhau-jobs';
 * import { downloadResults } from 'bacalhau-jobs/node';
 *
 * for (const { executionId, dir, files } of await downloadResults(new BacalhauClient(), 'j-1234', './results')) {
 *   const exitCode = await readFile(join(dir, 'exitCode'), 'utf8');
 *   console.log(`${executionId} exited with ${exitCode}: ${files.filter((f) => f.startsWith('outputs/')).length} output file(s)`);
 * }
 * ```
 *
 * @group Client
 */
export interface DownloadedResult {
  /** The execution whose results these are (from the archive's name), or `''` if unknown. */
  readonly executionId: string;
  /** Where the archive came from. */
  readonly url: string;
  /** The folder it was unpacked into (absolute). */
  readonly dir: string;
  /** The files unpacked, relative to `dir`, in archive order (`outputs/…`, `stdout`, `stderr`, `exitCode`). */
  readonly files: readonly string[];
}

/**
 * An archive held an entry that would land outside the target folder (an
 * absolute path, a `..` segment, a link pointing out) or that is not a plain
 * file, folder or link. Nothing of that archive was written.
 *
 * @example
 * ```ts
 * import { UnsafeArchiveError } from 'bacalhau-jobs/node';
 *
 * function explain(error: unknown): string {
 *   return error instanceof UnsafeArchiveError ? `refused: ${error.entries.join(', ')}` : String(error);
 * }
 * ```
 *
 * @group Errors
 */
export class UnsafeArchiveError extends Error {
  /** The archive's URL. */
  readonly url: string;
  /** Each refused entry as `path: why`. */
  readonly entries: readonly string[];

  constructor(url: string, entries: readonly string[]) {
    const shown = entries.slice(0, 10).map((entry) => `  - ${entry}`);
    if (entries.length > 10) shown.push(`  … and ${entries.length - 10} more`);
    super(`refused the results archive ${url}: ${entries.length === 1 ? '1 entry' : `${entries.length} entries`} would land outside the target folder or are not plain files\n${shown.join('\n')}`);
    this.name = 'UnsafeArchiveError';
    this.url = url;
    this.entries = Object.freeze([...entries]);
  }
}

const DEFAULT_TIMEOUT_MS = 10 * 60_000;
const DEFAULT_MAX_BYTES = 4 * 1024 ** 3;
const SAFE_TYPES: ReadonlySet<string> = new Set(['file', 'directory', 'symlink', 'link']);

/**
 * Downloads the results of job `id` and unpacks them into `dir`: the archive of
 * each completed execution that the `local` publisher serves (`urlDownload`
 * results). One result is unpacked into `dir` itself; several go into
 * `dir/<execution ID>` each. Every archive is checked before it is unpacked
 * and refused whole ({@link UnsafeArchiveError}) if any entry would land
 * outside its folder. Results published elsewhere (S3, IPFS) are not
 * downloadable here and raise an error naming their type.
 *
 * @example
 * ```ts
 * import { BacalhauClient } from 'bacalhau-jobs';
 * import { downloadResults } from 'bacalhau-jobs/node';
 *
 * const client = new BacalhauClient();
 * const [result] = await downloadResults(client, 'j-1234', './results');
 * console.log(result?.files); // ['exitCode', 'outputs/greeting.txt', 'stderr', 'stdout']
 * ```
 *
 * @group Client
 */
export async function downloadResults(client: BacalhauClient, id: string, dir: string, options: DownloadResultsOptions = {}): Promise<readonly DownloadedResult[]> {
  const results = await client.results(id, { namespace: options.namespace, signal: options.signal });
  const archives = results.map((result) => {
    const url = result.Type.toLowerCase() === 'urldownload' ? result.Params?.['URL'] : undefined;
    if (typeof url !== 'string') {
      throw new BacalhauClientError(`job ${id} published its results as '${result.Type}', which downloadResults cannot fetch (only the local publisher's urlDownload archives)`, 'GET', '');
    }
    return { url, executionId: /^(e-[0-9a-f-]+)/i.exec(basename(new URL(url).pathname))?.[1] ?? '' };
  });
  const root = resolve(dir);
  const downloaded: DownloadedResult[] = [];
  for (const [index, archive] of archives.entries()) {
    const target = archives.length === 1 ? root : join(root, archive.executionId === '' ? String(index) : archive.executionId);
    downloaded.push(await downloadArchive(archive.url, archive.executionId, target, options));
  }
  return Object.freeze(downloaded.map((item) => Object.freeze(item)));
}

async function downloadArchive(url: string, executionId: string, target: string, options: DownloadResultsOptions): Promise<DownloadedResult> {
  const scratch = await mkdtemp(join(tmpdir(), 'bacalhau-results-'));
  try {
    const file = join(scratch, 'results.tar.gz');
    await fetchToFile(url, file, options);
    const entries = await listEntries(file);
    const refused = entries.flatMap((entry) => {
      const why = unsafe(entry, target);
      return why === undefined ? [] : [`${JSON.stringify(entry.path)}: ${why}`];
    });
    if (refused.length > 0) throw new UnsafeArchiveError(url, refused);
    await mkdir(target, { recursive: true });
    // The check above decided; the filter (and the library's own checks) are a second line of defence.
    await unpack(file, target, (header) => unsafe(entryOf(header), target) === undefined);
    const files = entries.filter((entry) => entry.type !== 'directory').map((entry) => entry.path.replace(/^\.\//, ''));
    return { executionId, url, dir: target, files: Object.freeze(files) };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

async function fetchToFile(url: string, file: string, options: DownloadResultsOptions): Promise<void> {
  const fetchImpl = options.fetch ?? fetch;
  const controller = new AbortController();
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const onAbort = (): void => controller.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    let response: Response;
    try {
      response = await fetchImpl(url, { signal: controller.signal });
    } catch (error) {
      throw new BacalhauClientError(`GET ${url}: cannot download the results (${controller.signal.aborted ? 'timed out or aborted' : describe(error)})`, 'GET', url);
    }
    if (!response.ok || response.body === null) {
      await response.body?.cancel().catch(() => undefined);
      throw new BacalhauClientError(`GET ${url}: HTTP ${response.status} while downloading the results`, 'GET', url);
    }
    const limit = options.maxBytes ?? DEFAULT_MAX_BYTES;
    let received = 0;
    const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>);
    body.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > limit) body.destroy(new BacalhauClientError(`GET ${url}: the results archive is larger than maxBytes (${limit} bytes)`, 'GET', url));
    });
    try {
      await pipeline(body, createWriteStream(file));
    } catch (error) {
      if (error instanceof BacalhauClientError) throw error;
      throw new BacalhauClientError(`GET ${url}: the download broke off (${controller.signal.aborted ? 'timed out or aborted' : describe(error)})`, 'GET', url);
    }
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }
}

interface ArchiveEntry {
  readonly path: string;
  readonly type: string;
  readonly linkpath: string;
}

type Header = Parameters<NonNullable<UnpackOptionsFS['filter']>>[0];

function entryOf(header: Header): ArchiveEntry {
  return { path: header.name, type: header.type ?? 'file', linkpath: header.linkname ?? '' };
}

/** Unpacks the gzipped tar `file` into `dir`, writing only the entries `keep` accepts. */
async function unpack(file: string, dir: string, keep: (header: Header) => boolean): Promise<void> {
  await pipeline(createReadStream(file), createGunzip(), unpackTar(dir, { filter: keep }));
}

/** Every entry of the archive, read without writing anything. */
async function listEntries(file: string): Promise<ArchiveEntry[]> {
  const entries: ArchiveEntry[] = [];
  const nowhere = await mkdtemp(join(tmpdir(), 'bacalhau-list-'));
  try {
    await unpack(file, nowhere, (header) => {
      entries.push(entryOf(header));
      return false;
    });
  } finally {
    await rm(nowhere, { recursive: true, force: true });
  }
  return entries;
}

/** Why `entry` must not be unpacked into `root`, or `undefined` when it is safe. */
function unsafe(entry: ArchiveEntry, root: string): string | undefined {
  if (!SAFE_TYPES.has(entry.type)) return `a ${entry.type} entry, not a file, folder or link`;
  if (isAbsolute(entry.path) || /^[a-zA-Z]:/.test(entry.path)) return 'an absolute path';
  if (entry.path.split(/[\\/]/).includes('..')) return "a '..' segment";
  const destination = resolve(root, entry.path);
  if (!within(destination, root)) return 'lands outside the target folder';
  if (entry.type === 'symlink') {
    if (isAbsolute(entry.linkpath)) return `a link to the absolute path ${JSON.stringify(entry.linkpath)}`;
    if (!within(resolve(dirname(destination), entry.linkpath), root)) return `a link pointing outside the target folder (${JSON.stringify(entry.linkpath)})`;
  }
  if (entry.type === 'link') {
    // A hard link's target is named from the archive's root.
    if (isAbsolute(entry.linkpath) || !within(resolve(root, entry.linkpath), root)) return `a hard link to ${JSON.stringify(entry.linkpath)}, outside the target folder`;
  }
  return undefined;
}

function within(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : `${root}${sep}`);
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  return error instanceof Error ? error.message : String(error);
}
