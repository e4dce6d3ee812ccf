import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { builtExtensionDir } from '../../browser/built-extension';
import { launchChromiumWithExtension, type ExtensionBrowser } from '../../browser/launch-chromium';
import { seedExpected, seedSse } from '../../support/seed';
import { LibraryPage } from '../pages/library-page';

// Pages that test the interceptor's manners: a strict CSP with Trusted Types, a page that grabs
// `fetch` in its first inline script, and an abort mid-stream compared with a tab the extension
// does not touch (`vk-off.localhost`, mapped to the same server, matches no capture pattern).

const STREAM_SCRIPT = `
  window.readStream = async (path, abortAfterFirst) => {
    const controller = new AbortController();
    const out = { chunks: 0, bytes: 0, error: null };
    try {
      const response = await (window.__grabbedFetch || fetch)(path, { signal: controller.signal });
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        out.chunks += 1;
        out.bytes += value.byteLength;
        if (abortAfterFirst) controller.abort();
      }
    } catch (error) {
      out.error = { name: error.name, message: String(error.message), isDomException: error instanceof DOMException };
    }
    return out;
  };
  window.readDownload = async () => {
    const reader = (await fetch('/export/video.bin')).body.getReader();
    let bytes = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return bytes;
      bytes += value.byteLength;
    }
  };
  window.violations = [];
  document.addEventListener('securitypolicyviolation', (event) => window.violations.push(event.violatedDirective));
`;

function page(head: string): string {
  return `<!doctype html><html><head><meta charset="utf-8">${head}</head><body><p>fidelity</p><script src="/stream.js"></script></body></html>`;
}

let server: Server;
let port: number;
let chromium: ExtensionBrowser;
let downloadsDir: string;
let library: LibraryPage;

beforeAll(async () => {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    if (url.pathname === '/stream.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(STREAM_SCRIPT);
    } else if (url.pathname === '/csp.html') {
      response
        .writeHead(200, {
          'content-type': 'text/html',
          'content-security-policy': "default-src 'self'; script-src 'self'; require-trusted-types-for 'script'; trusted-types 'none'",
        })
        .end(page(''));
    } else if (url.pathname === '/grab.html') {
      response.writeHead(200, { 'content-type': 'text/html' }).end(page('<script>window.__grabbedFetch = window.fetch;</script>'));
    } else if (url.pathname === '/plain.html') {
      response.writeHead(200, { 'content-type': 'text/html' }).end(page(''));
    } else if (url.pathname === '/export/video.bin') {
      // 300 MB of a non-chat download, written as fast as the page reads it.
      const block = Buffer.alloc(1024 * 1024, 7);
      response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(300 * block.length) });
      let sent = 0;
      const pump = (): void => {
        while (sent < 300) {
          sent += 1;
          if (!response.write(block)) {
            response.once('drain', pump);
            return;
          }
        }
        response.end();
      };
      pump();
    } else if (url.pathname === '/v1/chat/completions') {
      // The seed in 64 writes, 15 ms apart, so an abort lands mid-stream.
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      const slice = Math.ceil(seedSse.length / 64);
      let at = 0;
      const timer = setInterval(() => {
        if (at >= seedSse.length || response.destroyed) {
          clearInterval(timer);
          response.end();
          return;
        }
        response.write(seedSse.subarray(at, at + slice));
        at += slice;
      }, 15);
      request.on('close', () => clearInterval(timer));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  downloadsDir = await mkdtemp(join(tmpdir(), 'video-keeper-fidelity-'));
  chromium = await launchChromiumWithExtension({
    extensionPath: builtExtensionDir(),
    headless: true,
    downloadsDir,
    extraArgs: ['--host-resolver-rules=MAP vk-off.localhost 127.0.0.1'],
  });
  library = new LibraryPage(await chromium.openPopup());
});

afterAll(async () => {
  await chromium?.close();
  await new Promise((resolve) => server?.close(resolve));
  if (downloadsDir) await rm(downloadsDir, { recursive: true, force: true });
});

beforeEach(async () => {
  await library.clear();
});

async function open(host: string, path: string): Promise<Page> {
  const tab = await chromium.context.newPage();
  await tab.goto(`http://${host}:${port}${path}`);
  return tab;
}

type StreamResult = { chunks: number; bytes: number; error: { name: string; message: string; isDomException: boolean } | null };
const read = (tab: Page, abort: boolean): Promise<StreamResult> =>
  tab.evaluate(([path, abortAfterFirst]) => (window as unknown as { readStream(p: string, a: boolean): Promise<StreamResult> }).readStream(path, abortAfterFirst), [
    '/v1/chat/completions',
    abort,
  ] as const);

const expected = seedExpected.videos[0]!;

describe('the page keeps its behaviour', () => {
  it('works under a strict CSP with Trusted Types, raises no violation, and is captured', async () => {
    const tab = await open('127.0.0.1', '/csp.html');
    const result = await read(tab, false);
    expect(result).toMatchObject({ bytes: seedSse.byteLength, error: null });
    expect(await tab.evaluate(() => (window as unknown as { violations: string[] }).violations)).toEqual([]);
    const entry = await library.waitForEntry((item) => item.status === 'done');
    expect(entry.videoUrl).toBe(expected.video);
    await tab.close();
  });

  it('captures a page whose first inline script grabs fetch', async () => {
    const tab = await open('127.0.0.1', '/grab.html');
    expect(await tab.evaluate(() => (window as unknown as { __grabbedFetch: unknown }).__grabbedFetch === window.fetch)).toBe(true);
    const result = await read(tab, false);
    expect(result.bytes).toBe(seedSse.byteLength);
    expect((await library.waitForEntry((item) => item.status === 'done')).taskId).toBe(expected.taskId);
    await tab.close();
  });

  it('sees an AbortController abort mid-stream exactly as without the extension', async () => {
    const on = await open('127.0.0.1', '/plain.html');
    const off = await open('vk-off.localhost', '/plain.html');
    const withExtension = await read(on, true);
    const without = await read(off, true);
    expect(withExtension.error).toEqual(without.error);
    expect(withExtension.error).toMatchObject({ name: 'AbortError', isDomException: true });
    expect(withExtension.chunks).toBe(1);
    expect(without.chunks).toBe(1);
    // The aborted answer never got its video: any entry it left is not done.
    const entries = await library.storedEntries();
    expect(entries.filter((entry) => entry.status === 'done')).toEqual([]);
    await on.close();
    await off.close();
  });

  it('copies nothing of a 300 MB non-chat download: the page heap stays as flat as without the extension', async () => {
    const peakGrowth = async (host: string): Promise<number> => {
      const tab = await open(host, '/plain.html');
      const cdp = await chromium.context.newCDPSession(tab);
      await cdp.send('HeapProfiler.collectGarbage');
      const before = (await cdp.send('Runtime.getHeapUsage')).usedSize;
      let peak = before;
      let reading = true;
      const done = tab.evaluate(() => (window as unknown as { readDownload(): Promise<number> }).readDownload()).finally(() => (reading = false));
      while (reading) {
        peak = Math.max(peak, (await cdp.send('Runtime.getHeapUsage')).usedSize);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(await done).toBe(300 * 1024 * 1024);
      await tab.close();
      return peak - before;
    };
    const on = await peakGrowth('127.0.0.1');
    const off = await peakGrowth('vk-off.localhost');
    // A copy would hold megabytes of the body in the page's JS heap; chunks in flight are not JS heap.
    expect(on).toBeLessThan(off + 2 * 1024 * 1024);
    expect(await library.storedEntries()).toEqual([]);
  }, 60_000);
});
