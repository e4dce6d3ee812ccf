import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentDeltas, parseSseEvents } from '../../demo-site/seed-replay';
import { startDemoServer, type DemoServer } from '../../demo-site/server';

const fixturesDir = fileURLToPath(new URL('../../fixtures/', import.meta.url));
const seedBytes = readFileSync(join(fixturesDir, 'streams/cogvideo-dog.sse'));
const sampleMp4 = readFileSync(join(fixturesDir, 'media/sample.mp4'));
const chatBody = (content: string) =>
  JSON.stringify({ model: 'cogvideox-demo', stream: true, messages: [{ role: 'user', content }] });

let server: DemoServer;
beforeAll(async () => {
  server = await startDemoServer({ port: 0 });
});
afterAll(async () => {
  await server.close();
});

/** Content of an SSE body, joined. */
function answerOf(sse: string): string {
  return contentDeltas(parseSseEvents(sse)).join('');
}

/** A GET with the path sent as is: `fetch` would resolve `..` before it left the client. */
function rawGet(path: string): Promise<number> {
  const { hostname, port } = new URL(server.origin);
  return new Promise((resolve, reject) => {
    request({ hostname, port, path, method: 'GET' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    })
      .on('error', reject)
      .end();
  });
}

describe('/v1/chat/completions', () => {
  it('source=fixture sends the exact bytes of the seed file, sliced', async () => {
    const res = await fetch(`${server.origin}/v1/chat/completions?source=fixture&slice=3&pace=0`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('x-demo')).toBe('seed');
    expect(Buffer.from(await res.arrayBuffer()).equals(seedBytes)).toBe(true);
  });

  it('the demo form points the media at this server and echoes the prompt', async () => {
    const res = await fetch(`${server.origin}/v1/chat/completions?pace=0&slice=5&maxSlice=16`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: chatBody('一只猫'),
    });
    const answer = answerOf(await res.text());
    expect(answer).toContain('VideoTask(id=8891215448425547870, image_url=None, prompt=一只猫)');
    expect(answer).toContain(`[视频](${server.origin}/media/01579f22-094f-11f0-92a2-be9386d3c5e8_0.mp4)[^1][^2]`);
    expect(answer).toContain(`[封面](${server.origin}/media/01579f22-094f-11f0-92a2-be9386d3c5e8_cover_0.jpeg)`);
    expect(answer).not.toContain('bigmodel.cn');
  });

  it('expires signs the media links like OSS, and /media/ refuses them once that time has passed', async () => {
    const expires = Math.floor(Date.now() / 1000) + 3600;
    const answer = answerOf(await (await fetch(`${server.origin}/v1/chat/completions?pace=0&expires=${expires}`)).text());
    const video = `${server.origin}/media/01579f22-094f-11f0-92a2-be9386d3c5e8_0.mp4?Expires=${expires}&OSSAccessKeyId=demo&Signature=demo`;
    expect(answer).toContain(`[视频](${video})`);
    expect(answer).toContain(`_cover_0.jpeg?Expires=${expires}&OSSAccessKeyId=demo&Signature=demo)`);
    const live = await fetch(video);
    expect(live.status).toBe(200);
    expect(Buffer.from(await live.arrayBuffer()).equals(sampleMp4)).toBe(true);
    const past = Math.floor(Date.now() / 1000) - 1;
    expect((await fetch(video.replace(`Expires=${expires}`, `Expires=${past}`))).status).toBe(403);
    expect((await fetch(`${server.origin}/v1/chat/completions?expires=soon`)).status).toBe(400);
  });

  it('a GET without a body keeps the recorded prompt', async () => {
    const answer = answerOf(await (await fetch(`${server.origin}/v1/chat/completions?pace=0`)).text());
    expect(answer).toContain('prompt=一条狗)');
  });

  it('fail=1 ends after some 🔥 with no result', async () => {
    const sse = await (await fetch(`${server.origin}/v1/chat/completions?pace=0&fail=1`)).text();
    expect(answerOf(sse)).toMatch(/\[🤫 任务进度\]\(🔥+$/u);
    expect(sse).toContain('"finish_reason":"stop"');
    expect(sse.endsWith('data: [DONE]\n\n')).toBe(true);
  });

  it('hold pauses right after the VideoTask line', async () => {
    const res = await fetch(`${server.origin}/v1/chat/completions?source=fixture&pace=0&slice=9&hold=400`);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const arrivals: { at: number; bytes: Uint8Array }[] = [];
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      arrivals.push({ at: performance.now(), bytes: read.value });
    }
    const gap = arrivals.findIndex((arrival, index) => index > 0 && arrival.at - (arrivals[index - 1]?.at ?? 0) >= 300);
    expect(gap).toBeGreaterThan(0);
    const beforeHold = Buffer.concat(arrivals.slice(0, gap).map((arrival) => arrival.bytes)).toString('utf8');
    expect(answerOf(beforeHold)).toBe('> VideoTask(id=8891215448425547870, image_url=None, prompt=一条狗)\n');
    expect(beforeHold.endsWith('\n\n')).toBe(true);
    expect(Buffer.concat(arrivals.map((arrival) => arrival.bytes)).equals(seedBytes)).toBe(true);
  });

  it('explains a bad parameter with 400', async () => {
    const res = await fetch(`${server.origin}/v1/chat/completions?slice=abc`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('slice must be an integer seed');
  });
});

describe('/media/', () => {
  it('serves a Range of the sample mp4 with 206', async () => {
    const res = await fetch(`${server.origin}/media/x_0.mp4`, { headers: { range: 'bytes=100-199' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-type')).toBe('video/mp4');
    expect(res.headers.get('accept-ranges')).toBe('bytes');
    expect(res.headers.get('content-range')).toBe(`bytes 100-199/${sampleMp4.length}`);
    expect(res.headers.get('content-length')).toBe('100');
    expect(Buffer.from(await res.arrayBuffer()).equals(sampleMp4.subarray(100, 200))).toBe(true);
  });

  it('serves the whole file without Range and 416 past its end', async () => {
    const full = await fetch(`${server.origin}/media/x_0.mp4`);
    expect(full.status).toBe(200);
    expect(full.headers.get('content-length')).toBe(String(sampleMp4.length));
    expect(Buffer.from(await full.arrayBuffer()).equals(sampleMp4)).toBe(true);
    const cover = await fetch(`${server.origin}/media/x_cover_0.jpeg`);
    expect(cover.headers.get('content-type')).toBe('image/jpeg');
    await cover.arrayBuffer();
    const past = await fetch(`${server.origin}/media/x_0.mp4`, { headers: { range: `bytes=${sampleMp4.length}-` } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${sampleMp4.length}`);
    await past.arrayBuffer();
  });

  it.each([
    '/media/../../etc/passwd',
    '/media/../fixtures/media/sample.mp4',
    '/media/..%2f..%2fetc%2fpasswd',
    '/media/%2e%2e/%2e%2e/package.json',
    '/media/..%2Fsample.mp4',
    '/media/passwd',
  ])('404s %s', async (path) => {
    expect(await rawGet(path)).toBe(404);
  });
});

describe('pages', () => {
  it('serves the chat page and the capture test page, 404 elsewhere', async () => {
    const chat = await (await fetch(`${server.origin}/`)).text();
    expect(chat).toContain('Video Keeper demo chat');
    expect(chat).toContain('id="send"');
    expect(chat).toMatch(/<textarea[^>]*>一条狗<\/textarea>/);
    expect(chat).not.toContain('innerHTML');
    const testPage = await (await fetch(`${server.origin}/test/page.html`)).text();
    expect(testPage).toContain('window.runCapture');
    expect((await fetch(`${server.origin}/nope`)).status).toBe(404);
  });
});

describe('close', () => {
  it('ends streams that are still holding', async () => {
    const own = await startDemoServer();
    const res = await fetch(`${own.origin}/v1/chat/completions?pace=0&hold=60000`);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await reader.read();
    const started = performance.now();
    await own.close();
    expect(performance.now() - started).toBeLessThan(1000);
    await expect(
      (async () => {
        for (let read = await reader.read(); !read.done; read = await reader.read());
      })(),
    ).rejects.toThrow();
  });
});
