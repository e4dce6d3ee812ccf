import { describe, expect, it } from 'vitest';
import { mediaUrlFromIds, mediaUrlOn } from '@/src/sites/extractors/media-url';

const ORIGIN = 'https://assets.grok.com/';

describe('mediaUrlOn', () => {
  it('resolves a storage path against the app’s media origin, with or without a leading slash', () => {
    expect(mediaUrlOn('users/u1/generated/p1/generated_video.mp4', ORIGIN)).toBe('https://assets.grok.com/users/u1/generated/p1/generated_video.mp4');
    expect(mediaUrlOn('/users/u1/a.mp4?cache=1', ORIGIN)).toBe('https://assets.grok.com/users/u1/a.mp4?cache=1');
  });

  it('keeps an absolute http(s) URL as it is, on any host', () => {
    expect(mediaUrlOn('https://imagine-public.x.ai/imagine-public/share-videos/p1.mp4', ORIGIN)).toBe('https://imagine-public.x.ai/imagine-public/share-videos/p1.mp4');
  });

  it('refuses what would leave the origin or is not http(s): scheme-relative, backslashes, other schemes, empty', () => {
    for (const value of ['//evil.example/x.mp4', '\\\\evil.example\\x.mp4', '/\\evil.example/x.mp4', 'javascript:alert(1)', 'data:video/mp4;base64,AAAA', 'blob:https://grok.com/1', '', '  ', 42, null]) {
      expect(mediaUrlOn(value, ORIGIN), String(value)).toBeUndefined();
    }
    expect(mediaUrlOn('users/a.mp4', 'not a url')).toBeUndefined();
  });

  it('a path that climbs (`../`) stays on the origin', () => {
    expect(mediaUrlOn('../../x/a.mp4', ORIGIN)).toBe('https://assets.grok.com/x/a.mp4');
  });
});

describe('mediaUrlFromIds', () => {
  const TEMPLATE = 'https://cdn.midjourney.com/video/{job}/{index}.mp4';

  it('builds the URL from plain ids', () => {
    expect(mediaUrlFromIds(TEMPLATE, { job: '4f7a2c9e-1b3d-4e5f-8a6b-7c8d9e0f1a2b', index: 0 })).toBe('https://cdn.midjourney.com/video/4f7a2c9e-1b3d-4e5f-8a6b-7c8d9e0f1a2b/0.mp4');
  });

  it('refuses a missing id, or one that is not a plain path segment', () => {
    for (const job of [undefined, '', '..', '.', 'a/b', 'a?b', 'a#b', '%2e%2e', 'x'.repeat(129), 'ü']) {
      expect(mediaUrlFromIds(TEMPLATE, { job, index: 0 }), String(job)).toBeUndefined();
    }
    expect(mediaUrlFromIds(TEMPLATE, { job: 'a', index: -1 })).toBeUndefined();
    expect(mediaUrlFromIds(TEMPLATE, { job: 'a', index: 1.5 })).toBeUndefined();
  });

  it('gives only http(s) URLs', () => {
    expect(mediaUrlFromIds('javascript:{job}', { job: 'a' })).toBeUndefined();
  });
});
