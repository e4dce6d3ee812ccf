import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { loadMediaLibrary, parseRange, pickMedia, type MediaLibrary } from './media-files';
import { planReplay, type Seed } from './replay-body';
import { parseReplayOptions } from './replay-options';
import { SEED_FILE, parseSseEvents } from './seed-replay';
import { readUserPrompt } from './user-prompt';
import type { PlannedWrite } from './write-plan';

/** Options of {@link startDemoServer}. */
export interface DemoServerOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** Receives one line per request; nothing is logged without it. */
  onLog?: (line: string) => void;
  /** Default: this repo's `test/fixtures`. */
  fixturesDir?: string;
}

/** A running demo site. */
export interface DemoServer {
  /** e.g. `http://127.0.0.1:8787`, no trailing slash. */
  origin: string;
  /** Ends open streams and stops listening. */
  close(): Promise<void>;
}

const MAX_REQUEST_BODY = 1024 * 1024;

/** Starts the demo chat site: the chat page, the replayed completions stream, sample media, the capture test page. */
export async function startDemoServer(options: DemoServerOptions = {}): Promise<DemoServer> {
  const fixturesDir = options.fixturesDir ?? fileURLToPath(new URL('../fixtures/', import.meta.url));
  const fileBytes = new Uint8Array(readFileSync(join(fixturesDir, SEED_FILE)));
  const seed: Seed = { events: parseSseEvents(new TextDecoder().decode(fileBytes)), fileBytes };
  const media = loadMediaLibrary(fixturesDir);
  const pages = {
    chat: readFileSync(new URL('./pages/chat.html', import.meta.url)),
    captureTest: readFileSync(new URL('./pages/capture-test.html', import.meta.url)),
  };
  const log = options.onLog ?? (() => {});
  // Streams still running when close() is called; aborting them ends their pending delays.
  const openStreams = new Set<AbortController>();
  let origin = '';

  const server = createServer((req, res) => {
    res.on('finish', () => log(`${req.method ?? '?'} ${req.url ?? ''} ${res.statusCode}`));
    // Routes match the raw path: `new URL` would resolve `..` and `%2e%2e` before we could refuse them.
    const rawPath = (req.url ?? '/').split('?')[0] ?? '/';
    const query = new URL(req.url ?? '/', 'http://demo.invalid').searchParams;
    const method = req.method ?? 'GET';

    if (rawPath === '/' || rawPath === '/test/page.html') {
      if (method !== 'GET' && method !== 'HEAD') return sendText(res, 405, 'Use GET.', { allow: 'GET, HEAD' });
      const html = rawPath === '/' ? pages.chat : pages.captureTest;
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': html.length });
      return res.end(method === 'HEAD' ? undefined : html);
    }
    if (rawPath === '/v1/chat/completions') {
      if (method !== 'GET' && method !== 'POST') {
        return sendText(res, 405, 'Use POST (or GET).', { allow: 'GET, POST' });
      }
      const controller = new AbortController();
      openStreams.add(controller);
      res.on('close', () => {
        controller.abort();
        openStreams.delete(controller);
      });
      replayCompletion(req, res, { seed, origin, query, signal: controller.signal }).catch((error: unknown) => {
        if (controller.signal.aborted) return;
        log(`${method} ${req.url ?? ''} failed: ${String(error)}`);
        if (res.headersSent) res.destroy();
        else sendText(res, 500, `The demo replay failed: ${String(error)}`);
      });
      return;
    }
    if (rawPath.startsWith('/media/')) {
      if (method !== 'GET' && method !== 'HEAD') return sendText(res, 405, 'Use GET.', { allow: 'GET, HEAD' });
      // A signed link past its `Expires` is refused as an OSS bucket refuses it.
      const expires = Number(query.get('Expires'));
      if (query.has('Expires') && !(expires * 1000 > Date.now())) {
        return sendText(res, 403, 'AccessDenied: Request has expired.');
      }
      return sendMedia(req, res, media, rawPath.slice('/media/'.length));
    }
    sendText(res, 404, 'Not found. The demo serves /, /v1/chat/completions, /media/<name> and /test/page.html.');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  origin = originOf(server.address() as AddressInfo);

  return {
    origin,
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const controller of openStreams) controller.abort();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

interface ReplayRequest {
  seed: Seed;
  origin: string;
  query: URLSearchParams;
  signal: AbortSignal;
}

async function replayCompletion(req: IncomingMessage, res: ServerResponse, request: ReplayRequest): Promise<void> {
  const parsed = parseReplayOptions(request.query);
  if (!parsed.ok) return sendText(res, 400, parsed.message);
  const body = req.method === 'POST' ? await readBody(req, request.signal) : '';
  if (body === undefined) return sendText(res, 413, `The request body must be under ${MAX_REQUEST_BODY} bytes.`);
  const writes = planReplay(request.seed, parsed.options, { origin: request.origin, prompt: readUserPrompt(body) });

  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'x-demo': 'seed',
  });
  // Headers go out now, so the page sees the response start even while the replay holds.
  res.flushHeaders();
  await sendWrites(res, writes, request.signal);
  res.end();
}

/** Each planned write is its own `write()`, after its delay, so slices leave the server as separate chunks. */
async function sendWrites(res: ServerResponse, writes: readonly PlannedWrite[], signal: AbortSignal): Promise<void> {
  for (const { delayMs, bytes } of writes) {
    if (delayMs > 0) await sleep(delayMs, undefined, { signal });
    else await new Promise((resolve) => setImmediate(resolve));
    signal.throwIfAborted();
    if (bytes.length === 0) continue;
    await new Promise<void>((resolve, reject) => {
      res.write(bytes, (error) => (error ? reject(error) : resolve()));
    });
  }
}

/** `undefined` when the body is too large. */
async function readBody(req: IncomingMessage, signal: AbortSignal): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    signal.throwIfAborted();
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > MAX_REQUEST_BODY) return undefined;
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendMedia(req: IncomingMessage, res: ServerResponse, library: MediaLibrary, name: string): void {
  const file = pickMedia(library, name);
  if (!file) return sendText(res, 404, 'No such media. Names end in .mp4, .webm or .jpeg.');
  const size = file.bytes.length;
  const range = parseRange(req.headers.range, size);
  const headers = { 'content-type': file.contentType, 'accept-ranges': 'bytes' };
  if (range.kind === 'unsatisfiable') {
    return sendText(res, 416, 'Range not satisfiable.', { ...headers, 'content-range': `bytes */${size}` });
  }
  const [status, start, end] = range.kind === 'partial' ? [206, range.start, range.end] : [200, 0, size - 1];
  res.writeHead(status, {
    ...headers,
    'content-length': end - start + 1,
    ...(status === 206 && { 'content-range': `bytes ${start}-${end}/${size}` }),
  });
  res.end(req.method === 'HEAD' ? undefined : file.bytes.subarray(start, end + 1));
}

function sendText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  const body = Buffer.from(`${text}\n`);
  res.writeHead(status, { ...headers, 'content-type': 'text/plain; charset=utf-8', 'content-length': body.length });
  res.end(body);
}

/** A wildcard bind address is not something a browser can open; name loopback instead. */
function originOf(address: AddressInfo): string {
  const host = address.address === '0.0.0.0' ? '127.0.0.1' : address.address === '::' ? '::1' : address.address;
  return `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
}
