import { describe, expect, it } from 'vitest';
import { siteRequestOf } from '@/src/background/site-request';

describe('siteRequestOf', () => {
  it('parses the endpoint and keeps the body when there is one', () => {
    const request = siteRequestOf('POST', 'https://videos.example.test/api/create?x=1', '{"prompt":"a cat"}');
    expect(request.method).toBe('POST');
    expect(request.url.href).toBe('https://videos.example.test/api/create?x=1');
    expect(request.body).toBe('{"prompt":"a cat"}');
    expect('body' in siteRequestOf('GET', 'https://videos.example.test/api/task/1', undefined)).toBe(false);
  });

  it('gives a request of a host no extractor knows, without the body, when the endpoint does not parse', () => {
    const request = siteRequestOf('POST', 'not a url', '{}');
    expect(request).toEqual({ method: 'POST', url: new URL('https://invalid.invalid/') });
  });
});
