/**
 * A scriptable HTTP server on 127.0.0.1 for the client's tests: each test sets
 * the handler, the server records every request (method, path, query, headers,
 * body) and, on close, destroys every socket it accepted (hung ones included).
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** A request as the stub saw it. */
export interface StubRequest {
  readonly method: string;
  /** The request target as sent: path and raw query string. */
  readonly url: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** Answers one request; may never answer (a hung server). */
export type StubHandler = (request: StubRequest, res: ServerResponse, raw: IncomingMessage) => void | Promise<void>;

export class StubServer {
  readonly server: Server;
  /** Every request received, in order. */
  readonly requests: StubRequest[] = [];
  /** How many TCP connections were accepted. */
  connections = 0;
  #handler: StubHandler = (_request, res) => json(res, 404, { message: 'Not Found' });
  readonly #sockets = new Set<Socket>();

  private constructor() {
    this.server = createServer((raw, res) => {
      const chunks: Buffer[] = [];
      raw.on('data', (chunk: Buffer) => chunks.push(chunk));
      raw.on('end', () => {
        const url = new URL(raw.url ?? '/', 'http://stub');
        const request: StubRequest = {
          method: raw.method ?? '',
          url: raw.url ?? '/',
          path: url.pathname,
          query: url.searchParams,
          headers: raw.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        this.requests.push(request);
        Promise.resolve(this.#handler(request, res, raw)).catch((error: unknown) => {
          if (!res.headersSent) json(res, 599, { message: `stub handler failed: ${String(error)}` });
          else res.destroy();
        });
      });
    });
    this.server.on('connection', (socket: Socket) => {
      this.connections += 1;
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  static async start(handler?: StubHandler): Promise<StubServer> {
    const stub = new StubServer();
    if (handler !== undefined) stub.handle(handler);
    await new Promise<void>((resolve, reject) => {
      stub.server.once('error', reject);
      stub.server.listen(0, '127.0.0.1', () => resolve());
    });
    return stub;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** `http://127.0.0.1:<port>`. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  handle(handler: StubHandler): void {
    this.#handler = handler;
  }

  /** Requests whose path is `path`. */
  requestsTo(path: string): StubRequest[] {
    return this.requests.filter((request) => request.path === path);
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

/** Sends `body` as JSON. */
export function json(res: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** A port on 127.0.0.1 that nothing listens on (it was just bound and released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** What {@link streamBody} observed: how much it wrote and whether the peer went away first. */
export interface StreamReport {
  bytesWritten: number;
  /** The connection closed before every byte was written. */
  cutShort: boolean;
  /** Settles when the response finished or its connection closed. */
  readonly done: Promise<void>;
}

/**
 * Streams `total` bytes of `fill` in 64 KiB chunks, honouring back-pressure,
 * and stops as soon as the connection closes.
 */
export function streamBody(res: ServerResponse, total: number, headers: Readonly<Record<string, string | number>> = {}, fill = 0x20): StreamReport {
  const chunk = Buffer.alloc(64 * 1024, fill);
  let closed = false;
  let settle: () => void = () => undefined;
  const report: StreamReport = {
    bytesWritten: 0,
    cutShort: false,
    done: new Promise<void>((resolve) => {
      settle = resolve;
    }),
  };
  res.on('close', () => {
    closed = true;
    if (report.bytesWritten < total || !res.writableFinished) report.cutShort = true;
    settle();
  });
  res.writeHead(200, { 'Content-Type': 'application/json', ...headers });
  const pump = (): void => {
    while (!closed && report.bytesWritten < total) {
      const size = Math.min(chunk.length, total - report.bytesWritten);
      report.bytesWritten += size;
      const more = res.write(size === chunk.length ? chunk : chunk.subarray(0, size));
      if (!more) {
        res.once('drain', pump);
        return;
      }
    }
    if (!closed) res.end();
  };
  pump();
  return report;
}
