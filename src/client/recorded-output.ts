/**
 * The output a compute node recorded for an execution, for tasks whose logs
 * Bacalhau v1.9 cannot stream (every engine but Docker).
 *
 * The complete text is in the execution's results archive (`stdout` and
 * `stderr` beside the result paths) when the `local` publisher published it;
 * `RunOutput` on the execution holds only what the executor read first (one
 * write, for wasm). So the archive is read when it can be fetched, and
 * `RunOutput` otherwise: another publisher, or a page of another origin than
 * the publisher's (Bacalhau's publisher sends no CORS headers, so a browser
 * would refuse the archive and log an error for it).
 *
 * The archive is read as a stream, gunzipped with the platform's
 * `DecompressionStream`, and walked by a small tar reader that keeps only the
 * two entries: a tar library's types would pull the DOM library into the core.
 *
 * @module
 */
import { deadline, platform, type AbortSignalLike, type FetchLike, type FetchResponse } from './platform.js';
import type { Execution, LogLine } from './types.js';

/** What reading an archive needs. */
export interface ArchiveAccess {
  readonly fetch: FetchLike;
  readonly timeoutMs: number;
  /** The largest `stdout` or `stderr` kept; a larger one falls back to `RunOutput`. Other entries are skipped, not kept. */
  readonly maxBytes: number;
  readonly signal?: AbortSignalLike | undefined;
}

/** Recorded output, as lines: stdout first, then stderr. */
export async function recordedLines(execution: Execution, access: ArchiveAccess): Promise<readonly LogLine[]> {
  const text = (await fromArchive(execution, access)) ?? fromRunOutput(execution);
  const lines: LogLine[] = [];
  for (const stream of ['stdout', 'stderr'] as const) {
    const content = text[stream];
    if (content === '') continue;
    const split = content.split('\n');
    if (split[split.length - 1] === '') split.pop();
    for (const line of split) lines.push(Object.freeze({ stream, line, executionId: execution.ID }));
  }
  return Object.freeze(lines);
}

interface Output {
  stdout: string;
  stderr: string;
}

function fromRunOutput(execution: Execution): Output {
  return { stdout: execution.RunOutput?.Stdout ?? '', stderr: execution.RunOutput?.stderr ?? '' };
}

/** The archive's `stdout` and `stderr`, or `undefined` when there is no archive or it cannot be read. */
async function fromArchive(execution: Execution, access: ArchiveAccess): Promise<Output | undefined> {
  const result = execution.PublishedResult;
  const url = result?.Type.toLowerCase() === 'urldownload' ? result.Params?.['URL'] : undefined;
  if (typeof url !== 'string' || platform.DecompressionStream === undefined) return undefined;
  const page = platform.location?.origin;
  if (page !== undefined && originOf(url) !== page.toLowerCase()) return undefined;
  const limit = deadline(access.timeoutMs, access.signal);
  try {
    // No credentials: the archive is served by the publisher, not the API.
    const response = (await access.fetch(url, { method: 'GET', headers: {}, signal: limit.signal as never })) as FetchResponse;
    if (!response.ok || response.body === null) return undefined;
    const gunzipped = (response.body as unknown as { pipeThrough(transform: unknown): { getReader(): Reader } }).pipeThrough(new platform.DecompressionStream('gzip'));
    return await readEntries(gunzipped.getReader(), access.maxBytes);
  } catch {
    return undefined;
  } finally {
    limit.release();
  }
}

interface Reader {
  read(): Promise<{ done: boolean; value?: Uint8Array }>;
  cancel(reason?: unknown): Promise<void>;
}

const BLOCK = 512;
const WANTED = new Set(['stdout', 'stderr']);

/**
 * Walks a tar stream (ustar headers: name at 0, size in octal at 124, type at
 * 156, name prefix at 345) and returns the contents of `stdout` and `stderr`,
 * skipping every other entry's data without keeping it.
 */
async function readEntries(reader: Reader, maxBytes: number): Promise<Output | undefined> {
  const decoder = new platform.TextDecoder('utf-8');
  const found: Output = { stdout: '', stderr: '' };
  const seen = new Set<string>();
  let buffer: Uint8Array = new Uint8Array(0);
  /** The entry being read: how many data bytes remain, its padding, and where its data goes. */
  let entry: { remaining: number; padding: number; name: string | undefined; chunks: Uint8Array[] } | undefined;
  try {
    for (;;) {
      // Consume what the buffer holds.
      for (;;) {
        if (entry !== undefined) {
          const take = Math.min(entry.remaining, buffer.length);
          if (entry.name !== undefined && take > 0) entry.chunks.push(buffer.slice(0, take));
          buffer = buffer.subarray(take);
          entry.remaining -= take;
          if (entry.remaining > 0) break;
          if (buffer.length < entry.padding) break;
          buffer = buffer.subarray(entry.padding);
          if (entry.name !== undefined) {
            found[entry.name as keyof Output] = decoder.decode(concat(entry.chunks));
            seen.add(entry.name);
          }
          entry = undefined;
          if (seen.size === WANTED.size) return found;
          continue;
        }
        if (buffer.length < BLOCK) break;
        const header = buffer.subarray(0, BLOCK);
        buffer = buffer.subarray(BLOCK);
        if (header.every((byte) => byte === 0)) return seen.size > 0 ? found : undefined;
        const size = Number.parseInt(field(header, 124, 12).trim() || '0', 8);
        if (!Number.isFinite(size) || size < 0) return undefined;
        const prefix = field(header, 345, 155);
        const name = (prefix === '' ? field(header, 0, 100) : `${prefix}/${field(header, 0, 100)}`).replace(/^\.\//, '');
        const type = String.fromCharCode(header[156] ?? 0);
        const wanted = (type === '0' || type === '\0') && WANTED.has(name) ? name : undefined;
        if (wanted !== undefined && size > maxBytes) return undefined;
        entry = { remaining: size, padding: (BLOCK - (size % BLOCK)) % BLOCK, name: wanted, chunks: [] };
      }
      const { done, value } = await reader.read();
      if (done) return seen.size > 0 ? found : undefined;
      if (value === undefined) continue;
      buffer = buffer.length === 0 ? value : concat([buffer, value]);
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/** `scheme://host:port` of a URL, lower-cased. */
function originOf(url: string): string {
  return (/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i.exec(url)?.[0] ?? '').toLowerCase();
}

/** A NUL-terminated ASCII field of a tar header. */
function field(header: Uint8Array, offset: number, length: number): string {
  let end = offset;
  while (end < offset + length && header[end] !== 0) end += 1;
  return String.fromCharCode(...header.subarray(offset, end));
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const size = chunks.reduce((sum, chunk) => sum + chunk.byteLength, 0);
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
