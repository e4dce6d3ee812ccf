import { readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A chat site for the hardening tests, Node built-ins only: a bare page that streams answers,
 * an answer endpoint whose task id, pacing and holds the test picks, and sample media that
 * records the headers it was fetched with (to check the popup sends no referrer).
 *
 * - `GET /page.html`: `window.startAnswer(query)` fetches `/v1/chat/completions?<query>` the way a
 *   chat UI does (POST, JSON body, reader loop) and keeps the promise as `window.answer`;
 *   `window.answerEnded` turns true when the body has been read to its end.
 * - `POST /v1/chat/completions?task=<id>&marks=<n>&paceMs=<ms>&hold=<ms|forever>&pad=<bytes>&hostile=<n>&hostilePaceMs=<ms>`:
 *   an OpenAI stream: `hostile` lines of `HOSTILE_LINE`, the `VideoTask` line, `marks` 🔥 one per `paceMs`, a pause of `hold` ms (`forever`:
 *   until the client goes), about `pad` bytes of description as fast as the client reads, then the
 *   cover and video links (`/media/<task>_0.mp4`), `stop`, `[DONE]`.
 * - `GET /media/<name>.mp4|.jpeg`: the sample video or cover.
 */
export interface AnswerServer {
  origin: string;
  /** Request headers of every `/media/` request so far, by path. */
  mediaRequests: Array<{ path: string; headers: IncomingHttpHeaders }>;
  close(): Promise<void>;
}

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>hardening chat</title><link rel="icon" href="data:,"></head>
<body><p>hardening chat</p><script>
  window.startAnswer = (query) => {
    window.answer = (async () => {
      const response = await fetch('/v1/chat/completions?' + query, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'cogvideox-hardening', stream: true, messages: [{ role: 'user', content: 'p' }] }),
      });
      const reader = response.body.getReader();
      let bytes = 0;
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          window.answerEnded = true;
          return bytes;
        }
        bytes += value.byteLength;
      }
    })();
    window.answerEnded = false;
    window.answer.catch(() => {});
    return true;
  };
</script></body></html>`;

const chunk = (content: string | undefined, finish: string | null = null): string =>
  `data: ${JSON.stringify({
    id: 'chatcmpl-hardening',
    object: 'chat.completion.chunk',
    created: 1742889537,
    model: 'cogvideox-hardening',
    choices: [{ index: 0, delta: content === undefined ? {} : { content }, finish_reason: finish }],
  })}\n\n`;

/**
 * One 30 KB line of an unclosed task line repeated: a backtracking task-line pattern took about
 * 13 s on it (`test/unit/hardening/linear-time.property.test.ts` times every reader on lines like it).
 */
export const HOSTILE_LINE = 'VideoTask(id=a, image_url=x, prompt=y'.repeat(800);

/** Starts the server on a free port of 127.0.0.1. */
export async function startAnswerServer(): Promise<AnswerServer> {
  const sample = readFileSync(new URL('../../../fixtures/media/sample.mp4', import.meta.url));
  const cover = readFileSync(new URL('../../../fixtures/media/sample-cover.jpeg', import.meta.url));
  const mediaRequests: AnswerServer['mediaRequests'] = [];
  const open = new Set<ServerResponse>();
  let origin = '';

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://answer.invalid');
    if (url.pathname === '/page.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(PAGE);
      return;
    }
    if (url.pathname.startsWith('/media/')) {
      mediaRequests.push({ path: url.pathname, headers: req.headers });
      const body = url.pathname.endsWith('.jpeg') ? cover : sample;
      res.writeHead(200, { 'content-type': url.pathname.endsWith('.jpeg') ? 'image/jpeg' : 'video/mp4', 'content-length': body.length });
      res.end(body);
      return;
    }
    if (url.pathname === '/v1/chat/completions') {
      req.resume();
      open.add(res);
      res.on('close', () => open.delete(res));
      void answer(res, url.searchParams, origin).catch(() => res.destroy());
      return;
    }
    res.writeHead(404).end();
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    mediaRequests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of open) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function answer(res: ServerResponse, query: URLSearchParams, origin: string): Promise<void> {
  const task = query.get('task') ?? '9000';
  const marks = Number(query.get('marks') ?? '3');
  const paceMs = Number(query.get('paceMs') ?? '0');
  const hold = query.get('hold') ?? '0';
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  res.flushHeaders();
  const write = (text: string): Promise<void> => new Promise((resolve, reject) => res.write(text, (error) => (error ? reject(error) : resolve())));
  const gone = (): boolean => res.destroyed || res.writableEnded;
  // `hostile=<n>`: n lines of unclosed task-line near-matches first, one per `hostilePaceMs` (HOSTILE_LINE).
  for (let line = 0; line < Number(query.get('hostile') ?? '0') && !gone(); line++) {
    await sleep(Number(query.get('hostilePaceMs') ?? '0'));
    await write(chunk(`${HOSTILE_LINE}\n`));
  }
  await write(chunk(`> VideoTask(id=${task}, image_url=None, prompt=prompt ${task})\n`));
  await write(chunk('[🤫 任务进度]('));
  for (let mark = 0; mark < marks && !gone(); mark++) {
    await sleep(paceMs);
    await write(chunk('🔥'));
  }
  if (hold === 'forever') {
    await new Promise((resolve) => res.once('close', resolve));
    return;
  }
  await sleep(Number(hold));
  if (gone()) return;
  const description = chunk('镜头缓缓推进，a slow push-in over the harbour at dawn. '.repeat(20));
  const burst = description.repeat(Math.max(1, Math.floor(65_536 / description.length)));
  for (let sent = 0; sent < Number(query.get('pad') ?? '0') && !gone(); sent += burst.length) await write(burst);
  await write(chunk(')🎉🎉🎉\n\n'));
  await write(chunk(`[^1]: [封面](${origin}/media/${task}_cover_0.jpeg)\n\n`));
  await write(chunk(`[视频](${origin}/media/${task}_0.mp4)[^1]\n`));
  await write(chunk(undefined, 'stop'));
  await write('data: [DONE]\n\n');
  res.end();
}
