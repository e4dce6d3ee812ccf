import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { loadMediaLibrary } from '../../../demo-site/media-files';

/** Host name of the test page: not a capture site, mapped to loopback by the browser. */
export const VIDEO_PAGE_HOST = 'videos.example.test';
/** Host of an embedded frame of another origin, also mapped to loopback. */
export const OTHER_HOST = 'embed.example.test';

/**
 * A chat page made before the extension was there: a `<video poster>`, a rendered markdown link
 * to an .mp4, a labelled proxy link that is a video, a video in a (same-origin) iframe, and the
 * decoys the scan must not offer (images, an avatar, an HTML page behind a "video" label,
 * `javascript:`, `data:` and a MediaSource `blob:` video), plus a frame of another origin, which
 * the popup's activeTab grant does not reach (its video is not offered; the scan still works). The labelled link points at the server's
 * loopback address: Firefox's MV3 extension pages upgrade insecure requests, so the extension's HEAD
 * check of a plain-http link to another host would go out as https (loopback is exempt).
 */
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Old chat with videos</title></head>
<body>
<header><img class="avatar" src="/avatar.png" alt="me"></header>
<main id="chat">
  <div class="turn" data-role="user"><p>a red fox in the snow</p></div>
  <div class="turn" data-role="assistant">
    <video controls src="/media/fox.mp4" poster="/media/fox-cover.jpg"></video>
    <img src="/media/fox-still.jpg" alt="still">
  </div>
  <div class="turn" data-role="user"><p>a cat surfing</p></div>
  <div class="turn" data-role="assistant"><p>视频：<a href="/media/cat.mp4">cat.mp4</a></p>
    <p><a href="__LOOPBACK__/download?id=42">下载视频</a> · <a href="/about.html">video tutorial</a> · <a href="javascript:void(0)">video</a></p>
    <video src="data:video/mp4;base64,AAAA"></video>
    <video id="stream"></video>
  </div>
  <div class="turn" data-role="user"><p>an owl at night</p></div>
  <div class="turn" data-role="assistant"><iframe src="/frame.html" title="owl"></iframe></div>
  <!-- Another origin's frame (an embed): activeTab does not reach it, and the scan must still work. -->
  <iframe src="__ELSEWHERE__/frame-elsewhere.html" title="elsewhere"></iframe>
</main>
<script>
  // A MediaSource video, as players of streaming sites do: no file address to keep.
  document.getElementById('stream').src = URL.createObjectURL(new MediaSource());
</script>
</body></html>`;

const FRAME = `<!doctype html><html><body><video src="/media/owl.webm" poster="/media/owl-cover.jpg"></video></body></html>`;

/** Serves the page; every request is counted so a test can tell the scan fetched nothing. */
export async function startVideoPageServer(): Promise<{ port: number; requests: string[]; close(): Promise<void> }> {
  const media = loadMediaLibrary(fileURLToPath(new URL('../../../fixtures/', import.meta.url)));
  const requests: string[] = [];
  const loopback = (): string => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const elsewhere = (): string => `http://${OTHER_HOST}:${(server.address() as AddressInfo).port}`;
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    requests.push(`${request.method} ${request.url}`);
    const send = (type: string, body: string | Uint8Array) => {
      response.writeHead(200, { 'content-type': type, 'content-length': Buffer.byteLength(body), 'access-control-allow-origin': '*' });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    if (path === '/' || path === '/chat.html') return send('text/html; charset=utf-8', PAGE.replaceAll('__LOOPBACK__', loopback()).replaceAll('__ELSEWHERE__', elsewhere()));
    if (path === '/frame.html') return send('text/html; charset=utf-8', FRAME);
    if (path === '/frame-elsewhere.html') return send('text/html; charset=utf-8', '<video src="/media/elsewhere.webm"></video>');
    if (path === '/about.html') return send('text/html; charset=utf-8', '<p>How to make a video</p>');
    if (path === '/download') return send(media.mp4.contentType, media.mp4.bytes);
    if (path.endsWith('.mp4')) return send(media.mp4.contentType, media.mp4.bytes);
    if (path.endsWith('.webm')) return send(media.webm.contentType, media.webm.bytes);
    if (/\.(?:jpe?g|png)$/.test(path)) return send(media.cover.contentType, media.cover.bytes);
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
