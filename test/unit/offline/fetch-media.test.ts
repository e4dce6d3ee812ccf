import { describe, expect, it } from 'vitest';
import { fetchMedia, type MediaFetch } from '@/src/offline/fetch-media';

const SITE = 'https://chat.test';
const bytes = (n: number) => new Uint8Array(n).fill(7);

/** A server answering every request with `body` under `headers`; records what was asked. */
function serve(body: Uint8Array | string, headers: Record<string, string>, status = 200) {
  const asked: RequestInit[] = [];
  let cancelled = false;
  const fetch: MediaFetch = async (_url, init) => {
    asked.push(init);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        const data = typeof body === 'string' ? new TextEncoder().encode(body) : body;
        // Several chunks, so a cap can trip in the middle.
        for (let at = 0; at < data.length; at += 1000) controller.enqueue(data.slice(at, at + 1000));
        controller.close();
      },
      cancel() {
        cancelled = true;
      },
    });
    return new Response(stream, { status, headers });
  };
  return { fetch, asked, cancelled: () => cancelled };
}

describe('fetchMedia', () => {
  it('keeps a video as a Blob of its type, asked without cookies or referrer', async () => {
    const server = serve(bytes(2500), { 'content-type': 'video/mp4' });
    const result = await fetchMedia('https://cdn.test/a.mp4', { site: SITE, kind: 'video', maxBytes: 10_000, fetch: server.fetch });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.blob.type).toBe('video/mp4');
    expect(new Uint8Array(await result.blob.arrayBuffer())).toEqual(bytes(2500));
    expect(server.asked[0]).toMatchObject({ credentials: 'omit', referrerPolicy: 'no-referrer' });
  });

  it('names an untyped file by its extension (CDNs send octet-stream)', async () => {
    const webm = await fetchMedia('https://cdn.test/a.webm?sig=1', { site: SITE, kind: 'video', maxBytes: 10_000, fetch: serve(bytes(10), { 'content-type': 'application/octet-stream' }).fetch });
    expect(webm.ok && webm.blob.type).toBe('video/webm');
    const cover = await fetchMedia('https://cdn.test/c', { site: SITE, kind: 'image', maxBytes: 10_000, fetch: serve(bytes(10), {}).fetch });
    expect(cover.ok && cover.blob.type).toBe('image/jpeg');
  });

  it('refuses an error page, JSON or an image in place of a video, and an empty file', async () => {
    for (const type of ['text/html', 'application/xml', 'application/json', 'image/jpeg']) {
      const result = await fetchMedia('https://cdn.test/a.mp4', { site: SITE, kind: 'video', maxBytes: 10_000, fetch: serve('<Error/>', { 'content-type': type }).fetch });
      expect(result).toMatchObject({ ok: false, reason: 'not-video' });
    }
    expect(await fetchMedia('https://cdn.test/a.mp4', { site: SITE, kind: 'video', maxBytes: 10, fetch: serve('', { 'content-type': 'video/mp4' }).fetch })).toMatchObject({
      ok: false,
      reason: 'not-video',
    });
  });

  it('stops at the cap: on Content-Length before reading, and while reading when none is sent', async () => {
    const declared = serve(bytes(5000), { 'content-type': 'video/mp4', 'content-length': '5000' });
    expect(await fetchMedia('https://cdn.test/a.mp4', { site: SITE, kind: 'video', maxBytes: 4999, fetch: declared.fetch })).toMatchObject({ ok: false, reason: 'too-large' });
    expect(declared.cancelled()).toBe(true);
    const undeclared = serve(bytes(5000), { 'content-type': 'video/mp4' });
    expect(await fetchMedia('https://cdn.test/a.mp4', { site: SITE, kind: 'video', maxBytes: 3500, fetch: undeclared.fetch })).toMatchObject({ ok: false, reason: 'too-large' });
    expect(undeclared.cancelled()).toBe(true);
    expect((await fetchMedia('https://cdn.test/a.mp4', { site: SITE, kind: 'video', maxBytes: 5000, fetch: serve(bytes(5000), { 'content-type': 'video/mp4' }).fetch })).ok).toBe(true);
  });

  it('reports HTTP errors, network errors and timeouts as unreachable, never throwing', async () => {
    expect(await fetchMedia('https://cdn.test/a.mp4', { site: SITE, kind: 'video', maxBytes: 10, fetch: serve('AccessDenied', {}, 403).fetch })).toEqual({
      ok: false,
      reason: 'unreachable',
      detail: 'HTTP 403',
    });
    const refused: MediaFetch = () => Promise.reject(new TypeError('Failed to fetch'));
    expect(await fetchMedia('https://cdn.test/a.mp4', { site: SITE, kind: 'video', maxBytes: 10, fetch: refused })).toEqual({
      ok: false,
      reason: 'unreachable',
      detail: 'Failed to fetch',
    });
    const hanging: MediaFetch = (_url, init) =>
      new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error)));
    expect(await fetchMedia('https://cdn.test/a.mp4', { site: SITE, kind: 'video', maxBytes: 10, fetch: hanging, timeoutMs: 20 })).toEqual({
      ok: false,
      reason: 'unreachable',
      detail: 'timed out',
    });
  });

  it('keeps covers as raster images only: never an SVG, whatever its declared type says', async () => {
    for (const type of ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif']) {
      expect(await fetchMedia('https://cdn.test/c', { site: SITE, kind: 'image', maxBytes: 10_000, fetch: serve(bytes(10), { 'content-type': type }).fetch }), type).toMatchObject({ ok: true });
    }
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    for (const type of ['image/svg+xml', 'image/svg+xml; charset=utf-8', 'image/x-icon', 'image/bmp']) {
      const server = serve(svg, { 'content-type': type });
      expect(await fetchMedia('https://cdn.test/c.svg', { site: SITE, kind: 'image', maxBytes: 10_000, fetch: server.fetch }), type).toMatchObject({ ok: false, reason: 'not-video' });
      expect(server.cancelled()).toBe(true);
    }
    // An untyped .svg is not believed by its name either: it is kept as a JPEG, which no browser draws as SVG.
    const untyped = await fetchMedia('https://cdn.test/c.svg', { site: SITE, kind: 'image', maxBytes: 10_000, fetch: serve(svg, {}).fetch });
    expect(untyped.ok && untyped.blob.type).toBe('image/jpeg');
  });

  it('asks no local address for a page that is not on one, and refuses a redirect that ends on one', async () => {
    const server = serve(bytes(10), { 'content-type': 'video/mp4' });
    for (const url of ['http://192.168.1.1/v.mp4', 'http://localhost:8080/v.mp4', 'http://[::1]/v.mp4', 'http://169.254.169.254/v.mp4', 'http://nas.local/v.mp4']) {
      expect(await fetchMedia(url, { site: SITE, kind: 'video', maxBytes: 10_000, fetch: server.fetch }), url).toMatchObject({ ok: false, reason: 'unreachable' });
    }
    expect(server.asked).toEqual([]);
    // A self-hosted chat on localhost keeps its own local videos.
    expect(await fetchMedia('http://localhost:8080/v.mp4', { site: 'http://localhost:3000', kind: 'video', maxBytes: 10_000, fetch: server.fetch })).toMatchObject({ ok: true });

    let cancelled = false;
    const redirected: MediaFetch = async () => ({
      ok: true,
      status: 200,
      url: 'http://10.0.0.1/secret.mp4',
      headers: new Headers({ 'content-type': 'video/mp4' }),
      body: new ReadableStream<Uint8Array<ArrayBuffer>>({ cancel: () => void (cancelled = true) }),
    });
    expect(await fetchMedia('https://cdn.test/a.mp4', { site: SITE, kind: 'video', maxBytes: 10_000, fetch: redirected })).toMatchObject({
      ok: false,
      reason: 'unreachable',
      detail: expect.stringContaining('redirected') as string,
    });
    expect(cancelled).toBe(true);
  });
});
