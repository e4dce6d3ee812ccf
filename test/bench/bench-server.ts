import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AnswerTemplate } from './synthetic-answer';

/**
 * The host name the "extension off" tab uses. Chromium resolves `*.localhost` to loopback
 * itself (and the bench maps it to 127.0.0.1 to be sure), so both tabs reach the same socket of
 * the same server; only `127.0.0.1` matches the content scripts (`*://127.0.0.1/*`).
 */
export const OFF_HOST = 'vk-off.localhost';

/** When the server handed one paced event to the socket. */
export interface SendMark {
  /** Body bytes written so far, this event included. */
  end: number;
  /** Server wall clock, ms (performance.timeOrigin + performance.now()). */
  at: number;
}

export interface BenchServer {
  port: number;
  /** `http://127.0.0.1:<port>`: captured. */
  onOrigin: string;
  /** `http://vk-off.localhost:<port>`: not captured. */
  offOrigin: string;
  /** Registers a stream served at `/v1/chat/completions?answer=<name>&run=<id>`. */
  addAnswer(name: string, answer: AnswerTemplate): void;
  /** The send marks of a paced run (`pace` > 0), once its response ended. */
  sendMarks(run: string): SendMark[] | undefined;
  close(): Promise<void>;
}

const PAGE = readFileSync(new URL('./pages/bench-page.html', import.meta.url));
const COVER = readFileSync(new URL('../fixtures/media/sample-cover.jpeg', import.meta.url));
/** Slice of a burst answer per `write()`: what a fast upstream flushes at once. */
const BURST_WRITE = 16 * 1024;
const DOWNLOAD_BLOCK = 1024 * 1024;

/** Server wall clock in ms with µs resolution; the bench page reads its own the same way. */
export function wallClock(): number {
  return performance.timeOrigin + performance.now();
}

/** {@link wallClock} − system clock in ms, estimated like the bench page's `clockSkew`. */
export function clockSkew(durationMs: number): number {
  let sum = 0;
  let count = 0;
  const until = performance.now() + durationMs;
  while (performance.now() < until) {
    sum += wallClock() - Date.now();
    count += 1;
  }
  return sum / count - 0.5;
}

/**
 * The bench's local server on 127.0.0.1 (node:http): the bench page, synthetic chat streams
 * (burst or paced), a large binary download and a cover image for the popup's entries.
 */
export async function startBenchServer(): Promise<BenchServer> {
  const answers = new Map<string, AnswerTemplate>();
  const marks = new Map<string, SendMark[]>();
  // Comment lines (`:ZZZ…`) so that, served as an event stream, it is valid SSE the decoders skip.
  const block = Buffer.alloc(DOWNLOAD_BLOCK, 0x5a);
  for (let at = 0; at < DOWNLOAD_BLOCK; at += 1024) {
    block[at] = 0x3a; // ':'
    block[at + 1023] = 0x0a; // '\n'
  }

  const server = createServer((req, res) => {
    res.socket?.setNoDelay(true);
    const url = new URL(req.url ?? '/', 'http://bench.invalid');
    const route = `${req.method ?? 'GET'} ${url.pathname}`;
    const handle = (): Promise<void> | void => {
      switch (route) {
        case 'GET /bench/page.html':
          // Cross-origin isolated: performance.now() in 5 µs steps instead of 100 µs.
          return send(res, 200, 'text/html; charset=utf-8', PAGE, {
            'cross-origin-opener-policy': 'same-origin',
            'cross-origin-embedder-policy': 'require-corp',
          });
        case 'POST /v1/chat/completions':
          return streamAnswer(req, res, url.searchParams);
        case 'GET /v1/videos/export':
          return download(res, {
            bytes: Number(url.searchParams.get('bytes')),
            eventStream: url.searchParams.get('type') === 'event-stream',
            perSecond: Number(url.searchParams.get('perSecond') ?? 0),
          });
        default:
          if (route.startsWith('GET /media/') && url.pathname.endsWith('.jpeg')) return send(res, 200, 'image/jpeg', COVER);
          return send(res, 404, 'text/plain', Buffer.from('not found\n'));
      }
    };
    Promise.resolve()
      .then(handle)
      .catch((error: unknown) => {
        if (!res.headersSent) send(res, 500, 'text/plain', Buffer.from(String(error)));
        else res.destroy();
      });
  });

  async function streamAnswer(req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
    // The chat request body is not needed; draining it keeps the connection reusable.
    await new Promise((resolve) => {
      req.on('end', resolve);
      req.resume();
    });
    const answer = answers.get(query.get('answer') ?? '');
    const run = query.get('run') ?? '';
    if (!answer) return send(res, 404, 'text/plain', Buffer.from('no such answer\n'));
    const body = answer.forRun(run);
    const pace = Number(query.get('pace') ?? 0);
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
    res.flushHeaders();
    if (pace > 0) {
      const sent: SendMark[] = [];
      const start = performance.now();
      let from = 0;
      for (let index = 0; index < answer.eventEnds.length; index += 1) {
        // Scheduled from the start, so timer lateness does not accumulate.
        const wait = start + index * pace - performance.now();
        if (wait > 0) await sleep(wait);
        const end = answer.eventEnds[index]!;
        sent.push({ end, at: wallClock() });
        res.write(body.subarray(from, end));
        from = end;
      }
      marks.set(run, sent);
    } else {
      for (let from = 0; from < body.length; from += BURST_WRITE) {
        await write(res, body.subarray(from, from + BURST_WRITE));
      }
    }
    res.end();
  }

  /**
   * `bytes` of filler; `eventStream` serves them as an event stream (a body the extension does
   * copy); `perSecond` > 0 limits the rate.
   */
  async function download(res: ServerResponse, options: { bytes: number; eventStream: boolean; perSecond: number }): Promise<void> {
    const { bytes, perSecond } = options;
    if (!Number.isSafeInteger(bytes) || bytes <= 0) return send(res, 400, 'text/plain', Buffer.from('bytes=N\n'));
    const contentType = options.eventStream ? 'text/event-stream' : 'application/octet-stream';
    res.writeHead(200, { 'content-type': contentType, 'content-length': bytes });
    const start = performance.now();
    for (let sent = 0; sent < bytes; sent += DOWNLOAD_BLOCK) {
      if (perSecond > 0) {
        const wait = start + (sent / perSecond) * 1000 - performance.now();
        if (wait > 0) await sleep(wait);
      }
      await write(res, bytes - sent >= DOWNLOAD_BLOCK ? block : block.subarray(0, bytes - sent));
    }
    res.end();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    onOrigin: `http://127.0.0.1:${port}`,
    offOrigin: `http://${OFF_HOST}:${port}`,
    addAnswer: (name, answer) => answers.set(name, answer),
    sendMarks: (run) => marks.get(run),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(res: ServerResponse, status: number, contentType: string, body: Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, { ...headers, 'content-type': contentType, 'content-length': body.length, 'cache-control': 'no-store' });
  res.end(body);
}

/** Resolves once the bytes left for the kernel (backpressure: the page reads at its own pace). */
function write(res: ServerResponse, bytes: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    if (res.write(bytes)) {
      resolve();
      return;
    }
    const drained = (): void => {
      res.off('close', closed);
      resolve();
    };
    const closed = (): void => {
      res.off('drain', drained);
      reject(new Error('the client went away'));
    };
    res.once('drain', drained);
    res.once('close', closed);
  });
}
