import { describe, expect, it } from 'vitest';
import { createAnswerLinkScanner, trimBareUrl } from '@/src/extract/answer-links';
import type { FoundLink } from '@/src/extract/found-link';
import { createVideoAnswerReader } from '@/src/extract/video-answer';

function scan(lines: string[]): FoundLink[] {
  const found: FoundLink[] = [];
  const scanner = createAnswerLinkScanner({ found: (link) => found.push(link) });
  for (const line of lines) scanner.line(line);
  scanner.end();
  return found;
}

describe('createAnswerLinkScanner', () => {
  it('resolves reference links defined before or after their use', () => {
    expect(scan(['[v]: https://c.test/a', '[视频][v] and [下载][Later]', '[later]: https://c.test/b "title"'])).toEqual([
      { url: 'https://c.test/a', label: 'v' },
      { url: 'https://c.test/a', label: '视频', context: '' },
      { url: 'https://c.test/b', label: '下载', context: ' and ' },
      { url: 'https://c.test/b', label: 'later title' },
    ]);
  });

  it('resolves collapsed and shortcut references, not footnote references', () => {
    const found = scan(['[Video][] [video] [^1]', '[video]: https://c.test/v']);
    expect(found.map((link) => link.label)).toEqual(['Video', 'video', 'video']);
  });

  it('records the footnotes after a link and the footnote a definition belongs to', () => {
    expect(scan(['[^7]: [封面](https://c.test/c.jpg)', '[视频](https://c.test/v.mp4)[^7][^8] tail'])).toEqual([
      { url: 'https://c.test/c.jpg', label: '封面', context: '[^7]: ', footnote: '7' },
      { url: 'https://c.test/v.mp4', label: '视频', context: '', footnotes: ['7', '8'] },
    ]);
  });

  it('reads titles and angle brackets in inline links', () => {
    expect(scan(['[视频](<https://c.test/v.mp4> "the video")'])).toEqual([{ url: 'https://c.test/v.mp4', label: '视频', context: '' }]);
  });

  it('reads link targets with balanced parentheses whole', () => {
    expect(scan(['[视频](https://c.test/clip_(1).mp4)']).map((link) => link.url)).toEqual(['https://c.test/clip_(1).mp4']);
  });

  it('does not let an <a> that is never closed swallow the lines after it', () => {
    const found = scan(['<a href="https://c.test/page">', '[视频](https://c.test/v.mp4)', 'more', 'text', 'https://c.test/w.mp4']);
    expect(found.map((link) => link.url)).toEqual(['https://c.test/v.mp4', 'https://c.test/page', 'https://c.test/w.mp4']);
  });

  it('joins a tag split over lines, but not forever', () => {
    expect(scan(['<video', 'src="https://c.test/v.mp4"', '>']).map((link) => link.url)).toEqual(['https://c.test/v.mp4']);
    const endless = ['<video src="https://c.test/a.mp4"', ...Array.from({ length: 40 }, () => 'data-x="1"'), 'https://c.test/b.mp4'];
    expect(scan(endless).map((link) => link.url)).toContain('https://c.test/b.mp4');
  });

  it('reads what an unclosed tag holds when the answer ends', () => {
    expect(scan(['<video src="https://c.test/v.mp4"']).map((link) => link.url)).toEqual(['https://c.test/v.mp4']);
    expect(scan(['<a href="https://c.test/d">下载']).map((link) => [link.url, link.label])).toEqual([['https://c.test/d', '下载']]);
  });

  it('does not read the text of an <a> as another link', () => {
    expect(scan(['<a href="https://c.test/v.mp4">https://c.test/v.mp4</a> https://c.test/w.mp4']).map((link) => link.url)).toEqual([
      'https://c.test/v.mp4',
      'https://c.test/w.mp4',
    ]);
  });
});

describe('trimBareUrl', () => {
  it('leaves sentence punctuation out, like GFM', () => {
    expect(trimBareUrl('https://c.test/v.mp4.')).toBe('https://c.test/v.mp4');
    expect(trimBareUrl('https://c.test/v.mp4?!')).toBe('https://c.test/v.mp4');
    expect(trimBareUrl('https://c.test/v?a=1')).toBe('https://c.test/v?a=1');
  });
});

describe('hostile lines', () => {
  it('scans every pathological 60 KB line in linear time', () => {
    const units = ['[a](http://x', '<a <a ', '<https://x', '[a](https://x "', '[![a](https://x/a.jpg)](https://', '[x][', '<video ', '[视频](https://x/'];
    const started = performance.now();
    for (const unit of units) {
      const reader = createVideoAnswerReader();
      reader.push(`${unit.repeat(Math.floor(60_000 / unit.length))}\n`);
      reader.end();
    }
    // Linear scanning takes tens of milliseconds here; a quadratic pattern takes seconds.
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
