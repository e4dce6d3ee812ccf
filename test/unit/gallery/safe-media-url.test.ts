import { describe, expect, it } from 'vitest';
import { safeMediaUrl } from '../../../src/gallery/safe-media-url';

describe('safeMediaUrl', () => {
  it.each([
    ['https://aigc-files.bigmodel.cn/api/cogvideo/a_0.mp4', 'https://aigc-files.bigmodel.cn/api/cogvideo/a_0.mp4'],
    ['http://localhost:3000/v.webm?sig=1', 'http://localhost:3000/v.webm?sig=1'],
    ['HTTPS://X.TEST/a b.mp4', 'https://x.test/a%20b.mp4'],
  ])('keeps %s', (url, expected) => {
    expect(safeMediaUrl(url)).toBe(expected);
  });

  it.each([
    'javascript:alert(1)',
    ' JavaScript:alert(1)',
    'java\tscript:alert(1)',
    'data:video/mp4;base64,AAAA',
    'file:///etc/passwd',
    'blob:https://x.test/0a1b',
    'chrome-extension://abc/popup.html',
    'ftp://x.test/a.mp4',
    '//x.test/a.mp4',
    '/a.mp4',
    '',
    undefined,
  ])('refuses %j', (url) => {
    expect(safeMediaUrl(url)).toBeUndefined();
  });
});
