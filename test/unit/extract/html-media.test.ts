import { describe, expect, it } from 'vitest';
import { createHtmlMediaReader, decodeEntities, parseAttributes } from '@/src/extract/html-media';

describe('parseAttributes', () => {
  it('reads attributes in any order, quoted or not, names lower-cased', () => {
    const attributes = parseAttributes(` controls POSTER='https://c.test/p.jpg' src=https://c.test/v.mp4?a=1&b=2 width="640"`);
    expect(Object.fromEntries(attributes)).toEqual({
      controls: '',
      poster: 'https://c.test/p.jpg',
      src: 'https://c.test/v.mp4?a=1&b=2',
      width: '640',
    });
  });

  it('decodes &amp; in signed URLs and keeps the first of a repeated name', () => {
    const attributes = parseAttributes(' src="https://c.test/v.mp4?X-Amz-Date=1&amp;X-Amz-Expires=2" src="https://other.test/"');
    expect(attributes.get('src')).toBe('https://c.test/v.mp4?X-Amz-Date=1&X-Amz-Expires=2');
  });

  it('does not take the self-closing slash for part of an unquoted URL', () => {
    expect(parseAttributes(' src=https://c.test/v.mp4/').get('src')).toBe('https://c.test/v.mp4');
  });
});

describe('decodeEntities', () => {
  it('decodes named, decimal and hexadecimal references and leaves unknown ones', () => {
    expect(decodeEntities('a&amp;b&#38;c&#x26;d&lt;&quot;&bogus;')).toBe('a&b&c&d<"&bogus;');
  });
});

describe('createHtmlMediaReader', () => {
  it('pairs a video’s poster with its first usable source only', () => {
    const html = createHtmlMediaReader();
    expect(html.open('video', ' poster="https://c.test/p.jpg"', '')).toBeUndefined();
    expect(html.open('source', ' src="javascript:alert(1)"', '')).toBeUndefined();
    expect(html.open('source', ' src="https://c.test/v.webm" type="video/webm"', '')).toMatchObject({
      url: 'https://c.test/v.webm',
      cover: 'https://c.test/p.jpg',
      hint: 'video',
    });
    expect(html.open('source', ' src="https://c.test/v.mp4"', '')).toBeUndefined();
    html.closeVideo();
    expect(html.open('source', ' src="https://c.test/a.mp3" type="audio/mpeg"', '')).toEqual({
      url: 'https://c.test/a.mp3',
      label: 'audio/mpeg',
      context: '',
    });
  });
});
