import { describe, expect, it } from 'vitest';
import { entryRenditions, renditionTraits } from '../../../src/gallery/renditions';
import { renditionName } from '../../../src/gallery/entry-detail';

describe('renditions', () => {
  it('lists the video then its http(s) alternates, with what their URLs say', () => {
    const renditions = entryRenditions({
      videoUrl: 'https://cdn.example/v/1080p/clip_nowm.mp4',
      alternates: ['https://cdn.example/v/clip_watermark.mp4', 'javascript:alert(1)', 'https://cdn.example/v/720p/preview.gif?x=1'],
    });
    expect(renditions.map((r) => r.index)).toEqual([0, 1, 3]);
    expect(renditions[0]).toMatchObject({ quality: '1080p', watermark: false });
    expect(renditions[1]).toMatchObject({ watermark: true });
    expect(renditions[2]).toMatchObject({ quality: '720p', preview: true, format: 'gif' });
    expect(renditions.map(renditionName)).toEqual(['Video · 1080p · no watermark', 'Alternate 1 · watermarked', 'Alternate 3 · 720p · preview · GIF']);
  });

  it('reads watermark switches in the query, and says nothing of a plain name', () => {
    expect(renditionTraits('https://a.example/x.mp4?wm=0').watermark).toBe(false);
    expect(renditionTraits('https://a.example/x.mp4?with_wm=1').watermark).toBe(true);
    expect(renditionTraits('https://a.example/no-watermark/x.mp4').watermark).toBe(false);
    expect(renditionTraits('https://a.example/abc.mp4')).toEqual({});
    expect(renditionTraits('not a url')).toEqual({});
  });

  it('stays linear on a long hostile URL', () => {
    const url = `https://a.example/${'wm-'.repeat(200_000)}.mp4`;
    const started = performance.now();
    renditionTraits(url);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});
