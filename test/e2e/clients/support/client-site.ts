import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { createUIMessageStream, pipeUIMessageStreamToResponse, simulateReadableStream, streamText } from 'ai';
import { MockLanguageModelV2 } from 'ai/test';
import { build } from 'esbuild';
import { Server as SocketIoServer } from 'socket.io';
import {
  chatgptWebBody,
  openWebUiChatEvents,
  relayEvents,
  seedCompletion,
  seedDeltas,
  seedEventStream,
  seedUiMessageChunks,
} from './answer-streams';

/** The test pages, one per client library: `support/pages/<name>.ts`. */
export type ClientPageName =
  | 'openai-sdk'
  | 'fetch-event-source'
  | 'sse-js'
  | 'socket-io'
  | 'vercel-ai'
  | 'fetch-bodies'
  | 'browser-transports'
  | 'chatgpt-web-axios'
  | 'ai-text-stream'
  | 'video-relay';

/** A running local site for the client tests. */
export interface ClientSite {
  /** `http://127.0.0.1:<port>`: the extension's content scripts match `*://127.0.0.1/*`. */
  origin: string;
  /** The test page of one client library. */
  pageUrl(name: ClientPageName): string;
  close(): Promise<void>;
}

const PAGES_DIR = fileURLToPath(new URL('./pages/', import.meta.url));
/** Bytes per write of an event stream: writes cut events, lines and UTF-8 sequences. */
const SLICE_BYTES = 173;
const PACE_MS = 2;
/** How long the relay holds its answer after the last progress event. */
export const RELAY_HOLD_MS = 1500;

/**
 * Bundles the given test pages with esbuild (each with its real client library from
 * node_modules) into a temp folder and serves them on 127.0.0.1 with the endpoints they talk to:
 *
 * - `POST|GET /v1/chat/completions`: the seed as an OpenAI event stream, in small paced writes
 *   (`?event=<name>` names every event, `?whole` sends it in one write); a JSON body with
 *   `"stream": false` gets one `chat.completion` instead.
 * - `POST /api/chat`: the seed as a Vercel AI SDK v5 UI message stream, written by the `ai`
 *   package's own `createUIMessageStream` + `pipeUIMessageStreamToResponse`.
 * - Socket.IO at `/ws/socket.io` (Open WebUI's path): on `chat` it emits Open WebUI's
 *   `chat-events` for the seed answer.
 * - `POST /api/chat-process`: the seed as chatgpt-web answers it (`application/octet-stream`,
 *   newline-joined `ChatMessage` JSON with the accumulated text).
 * - `POST /api/chat-text`: the seed as an AI SDK text stream, `streamText` over a mock model
 *   piped by the `ai` package's own `pipeTextStreamToResponse` (`text/plain; charset=utf-8`).
 * - `POST /relay/v1/chat/completions`: a sora2api-style relay's event stream (reasoning
 *   progress, then the fenced `<video>`), holding the last event for `RELAY_HOLD_MS` so a test
 *   can see the entry while it is generating.
 */
export async function startClientSite(pages: readonly ClientPageName[]): Promise<ClientSite> {
  const bundleDir = await mkdtemp(join(tmpdir(), 'video-keeper-client-pages-'));
  await build({
    entryPoints: pages.map((name) => join(PAGES_DIR, `${name}.ts`)),
    outdir: bundleDir,
    bundle: true,
    format: 'iife',
    platform: 'browser',
    // The pages run in both test browsers (Firefox from ESR 140, like the extension).
    target: ['chrome120', 'firefox140'],
    logLevel: 'silent',
  });
  const open = new Set<AbortController>();

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://site.invalid');
    const controller = new AbortController();
    open.add(controller);
    res.on('close', () => {
      controller.abort();
      open.delete(controller);
    });
    route(req, res, url, controller.signal).catch((error: unknown) => {
      if (controller.signal.aborted) return;
      if (res.headersSent) res.destroy();
      else sendText(res, 500, `client site failed: ${String(error)}`);
    });
  });

  const route = async (req: IncomingMessage, res: ServerResponse, url: URL, signal: AbortSignal): Promise<void> => {
    const page = /^\/([a-z-]+)\.(html|js)$/.exec(url.pathname);
    if (page && pages.includes(page[1] as ClientPageName)) {
      if (page[2] === 'html') {
        const html = `<!doctype html><html><head><meta charset="utf-8"><title>${page[1]}</title><link rel="icon" href="data:,"></head><body><script src="/${page[1]}.js"></script></body></html>`;
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        return void res.end(html);
      }
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      return void res.end(await readFile(join(bundleDir, `${page[1]}.js`)));
    }
    if (url.pathname === '/v1/chat/completions') {
      const body = await readBody(req);
      if (parseJson(body)?.stream === false) {
        const json = Buffer.from(JSON.stringify(seedCompletion()));
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': json.length });
        return void res.end(json);
      }
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
      res.flushHeaders();
      const bytes = seedEventStream(url.searchParams.get('event') ?? undefined);
      const slice = url.searchParams.has('whole') ? bytes.length : SLICE_BYTES;
      for (let offset = 0; offset < bytes.length; offset += slice) {
        await sleep(PACE_MS, undefined, { signal });
        res.write(bytes.subarray(offset, offset + slice));
      }
      return void res.end();
    }
    if (url.pathname === '/api/chat' && req.method === 'POST') {
      await readBody(req);
      const stream = createUIMessageStream({
        async execute({ writer }) {
          for (const chunk of seedUiMessageChunks()) {
            await sleep(PACE_MS, undefined, { signal });
            writer.write(chunk);
          }
        },
      });
      return pipeUIMessageStreamToResponse({ response: res, stream });
    }
    if (url.pathname === '/api/chat-process' && req.method === 'POST') {
      await readBody(req);
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      for (const piece of chatgptWebBody()) {
        await sleep(PACE_MS, undefined, { signal });
        res.write(piece);
      }
      return void res.end();
    }
    if (url.pathname === '/api/chat-text' && req.method === 'POST') {
      await readBody(req);
      const model = new MockLanguageModelV2({
        doStream: () =>
          Promise.resolve({
            stream: simulateReadableStream({
              chunkDelayInMs: PACE_MS,
              chunks: [
                { type: 'stream-start' as const, warnings: [] },
                { type: 'text-start' as const, id: 'text-1' },
                ...seedDeltas.filter((delta) => delta !== '').map((delta) => ({ type: 'text-delta' as const, id: 'text-1', delta })),
                { type: 'text-end' as const, id: 'text-1' },
                { type: 'finish' as const, finishReason: 'stop' as const, usage: { inputTokens: 4, outputTokens: 120, totalTokens: 124 } },
              ],
            }),
          }),
      });
      return streamText({ model, prompt: '一条狗', abortSignal: signal }).pipeTextStreamToResponse(res);
    }
    if (url.pathname === '/relay/v1/chat/completions' && req.method === 'POST') {
      await readBody(req);
      res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
      res.flushHeaders();
      for (const [index, event] of relayEvents.entries()) {
        await sleep(index === relayEvents.length - 2 ? RELAY_HOLD_MS : PACE_MS, undefined, { signal });
        res.write(event);
      }
      return void res.end();
    }
    sendText(res, 404, 'not found');
  };

  const io = new SocketIoServer(server, { path: '/ws/socket.io', serveClient: false });
  io.on('connection', (socket) => {
    socket.on('chat', (request: { chat_id: string; message_id: string }) => {
      void (async () => {
        for (const event of openWebUiChatEvents(request.chat_id, request.message_id)) {
          await sleep(PACE_MS);
          if (!socket.connected) return;
          socket.emit('chat-events', event);
        }
      })();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    origin,
    pageUrl: (name) => `${origin}/${name}.html`,
    close: async () => {
      for (const controller of open) controller.abort();
      const closing = io.close();
      server.closeAllConnections();
      await closing;
      await rm(bundleDir, { recursive: true, force: true });
    },
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
}
