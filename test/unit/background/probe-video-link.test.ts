import { describe, expect, it } from 'vitest';
import { probeVideoLink, verdictOf, type ProbeFetch } from '@/src/background/probe-video-link';

function server(answers: Record<string, { status: number; type?: string } | Error>): { fetch: ProbeFetch; calls: string[] } {
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
      };
    },
  };
}

describe('probeVideoLink', () => {
  it('confirms a proxy link whose HEAD says video/mp4', async () => {
    const { fetch, calls } = server({ HEAD: { status: 200, type: 'video/mp4' } });
    expect(await probeVideoLink('https://proxy.test/file?id=1', fetch)).toBe('video');
    expect(calls).toEqual(['HEAD']);
  });

  it('falls back to a one-byte range GET when HEAD is refused', async () => {
    const { fetch, calls } = server({ HEAD: { status: 405 }, GET: { status: 206, type: 'video/webm' } });
    expect(await probeVideoLink('https://proxy.test/file?id=1', fetch)).toBe('video');
    expect(calls).toEqual(['HEAD', 'GET']);
  });

  it('refutes a web page behind a video label', async () => {
    const { fetch } = server({ HEAD: { status: 200, type: 'text/html; charset=utf-8' } });
    expect(await probeVideoLink('https://site.test/watch', fetch)).toBe('not-video');
  });

  it('stays unknown when the server cannot be asked (CORS, offline)', async () => {
    const { fetch } = server({ HEAD: new TypeError('Failed to fetch'), GET: new TypeError('Failed to fetch') });
    expect(await probeVideoLink('https://cdn.test/x', fetch)).toBe('unknown');
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
});
