import { describe, expect, it } from 'vitest';
import { probeVideoLink, verdictOf, type ProbeFetch } from '@/src/background/probe-video-link';

const PAGE = 'https://chat.test/c/1';

function server(answers: Record<string, { status: number; type?: string; url?: string } | Error>): { fetch: ProbeFetch; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    fetch: async (_url, init) => {
      const method = init.method ?? 'GET';
      calls.push(method);
      const answer = answers[method];
      if (!answer || answer instanceof Error) throw answer ?? new TypeError('Failed to fetch');
      return {
        ok: answer.status >= 200 && answer.status < 300,
        status: answer.status,
        headers: new Headers(answer.type ? { 'content-type': answer.type } : {}),
        body: null,
        url: answer.url ?? '',
      };
    },
  };
}

describe('probeVideoLink', () => {
  it('confirms a proxy link whose HEAD says video/mp4', async () => {
    const { fetch, calls } = server({ HEAD: { status: 200, type: 'video/mp4' } });
    expect(await probeVideoLink('https://proxy.test/file?id=1', fetch, PAGE)).toBe('video');
    expect(calls).toEqual(['HEAD']);
  });

  it('falls back to a one-byte range GET when HEAD is refused', async () => {
    const { fetch, calls } = server({ HEAD: { status: 405 }, GET: { status: 206, type: 'video/webm' } });
    expect(await probeVideoLink('https://proxy.test/file?id=1', fetch, PAGE)).toBe('video');
    expect(calls).toEqual(['HEAD', 'GET']);
  });

  it('refutes a web page behind a video label', async () => {
    const { fetch } = server({ HEAD: { status: 200, type: 'text/html; charset=utf-8' } });
    expect(await probeVideoLink('https://site.test/watch', fetch, PAGE)).toBe('not-video');
  });

  it('stays unknown when the server cannot be asked (CORS, offline)', async () => {
    const { fetch } = server({ HEAD: new TypeError('Failed to fetch'), GET: new TypeError('Failed to fetch') });
    expect(await probeVideoLink('https://cdn.test/x', fetch, PAGE)).toBe('unknown');
  });
});

describe('verdictOf', () => {
  it('classifies content types', () => {
    expect(verdictOf('video/mp4')).toBe('video');
    expect(verdictOf('application/vnd.apple.mpegurl')).toBe('video');
    expect(verdictOf('application/json')).toBe('not-video');
    expect(verdictOf('image/jpeg')).toBe('not-video');
    expect(verdictOf('application/octet-stream')).toBe('unknown');
    expect(verdictOf(null)).toBe('unknown');
  });

  it('asks no local address for a public page, and does not believe a redirect to one', async () => {
    const { fetch, calls } = server({ HEAD: { status: 200, type: 'video/mp4' } });
    for (const url of ['http://192.168.0.1/file', 'http://127.0.0.1:631/', 'http://[fe80::1]/x', 'http://router.local/x']) {
      expect(await probeVideoLink(url, fetch, PAGE), url).toBe('unknown');
      expect(await probeVideoLink(url, fetch, undefined), url).toBe('unknown');
    }
    expect(calls).toEqual([]);
    expect(await probeVideoLink('http://127.0.0.1:9000/file', fetch, 'http://localhost:3000/')).toBe('video');
    const redirected = server({ HEAD: { status: 200, type: 'video/mp4', url: 'http://172.16.0.5/file' } });
    expect(await probeVideoLink('https://proxy.test/file', redirected.fetch, PAGE)).toBe('unknown');
  });
});
