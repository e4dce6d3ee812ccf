import { parseHTML } from 'linkedom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { scanFrame } from '@/src/page-scan/scan-page';

function withPage(html: string, resources: Array<{ name: string; initiatorType: string }> = []) {
  const { document, window } = parseHTML(html);
  vi.stubGlobal('document', document);
  vi.stubGlobal('Node', window.Node);
  vi.stubGlobal('location', { href: 'https://chat.example/c/1' });
  vi.stubGlobal('performance', { getEntriesByType: () => resources });
  Object.defineProperty(document, 'baseURI', { value: 'https://chat.example/c/1' });
  return document;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('scanFrame', () => {
  it('reads videos, their posters, video links and loaded media, with the user message before each', () => {
    withPage(
      `<html><head><title> Old chat </title></head><body>
        <div data-role="user">a red fox</div>
        <div><video src="/v/fox.mp4" poster="/v/fox.jpg"></video></div>
        <div data-message-author-role="user">a cat</div>
        <p>视频：<a href="https://cdn.example/cat.webm">cat</a> <a href="/page.html">home</a></p>
      </body></html>`,
      [
        { name: 'https://cdn.example/loaded.mp4?sig=1', initiatorType: 'fetch' },
        { name: 'https://cdn.example/stream', initiatorType: 'video' },
        { name: 'https://cdn.example/app.js', initiatorType: 'script' },
      ],
    );
    const scan = scanFrame();
    expect(scan.pageUrl).toBe('https://chat.example/c/1');
    expect(scan.title).toBe('Old chat');
    expect(scan.items).toEqual([
      { kind: 'video', url: 'https://chat.example/v/fox.mp4', poster: 'https://chat.example/v/fox.jpg', prompt: 'a red fox' },
      { kind: 'link', url: 'https://cdn.example/cat.webm', label: 'cat', prompt: 'a cat' },
      { kind: 'resource', url: 'https://cdn.example/loaded.mp4?sig=1' },
      { kind: 'resource', url: 'https://cdn.example/stream' },
    ]);
  });

  it('falls back to the text before the video when no user message is marked, skipping text with links', () => {
    withPage(`<body><p>make a dog video</p><pre>answer: https://cdn.example/dog.mp4</pre><div><video src="https://cdn.example/dog.mp4"></video></div></body>`);
    expect(scanFrame().items).toEqual([{ kind: 'video', url: 'https://cdn.example/dog.mp4', prompt: 'make a dog video' }]);
  });

  it('reports a blob: video as a stream with no address, and leaves the page as it was', () => {
    const document = withPage(
      `<html><head><title>t</title></head><body><video src="blob:https://chat.example/4f2a"></video><video src="data:video/mp4;base64,AA"></video></body></html>`,
    );
    const before = document.documentElement.outerHTML;
    expect(scanFrame().items).toEqual([{ kind: 'stream', url: '' }]);
    expect(document.documentElement.outerHTML).toBe(before);
  });
});
