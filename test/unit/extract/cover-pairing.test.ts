import { describe, expect, it } from 'vitest';
import { createCoverPairing, type PairedVideo } from '@/src/extract/cover-pairing';

type Step = ['video', string, { cover?: string; footnotes?: string[] }?] | ['cover', string, string?] | ['settle'];

/** Plays videos and covers in the order an answer writes them; returns url -> cover. */
function pair(steps: Step[]): Record<string, string | undefined> {
  const videos: PairedVideo[] = [];
  const pairing = createCoverPairing(videos);
  for (const step of steps) {
    if (step[0] === 'video') {
      const video: PairedVideo = { videoUrl: step[1] };
      videos.push(video);
      pairing.addVideo(video, step[2] ?? {});
    } else if (step[0] === 'cover') {
      pairing.addCover(step[1], step[2]);
    } else {
      pairing.settle();
    }
  }
  return Object.fromEntries(videos.map((video) => [video.videoUrl, video.coverUrl]));
}

const V1 = 'https://v.test/r/aaa111.mp4';
const V2 = 'https://v.test/r/bbb222.mp4';
const C1 = 'https://i.test/r/aaa111_cover.jpg';
const C2 = 'https://i.test/r/bbb222_cover.jpg';
// Names that say nothing: only the order can pair these.
const X1 = 'https://x.test/9f1c.mp4';
const X2 = 'https://x.test/03be.mp4';
const P1 = 'https://x.test/img/77aa.png';
const P2 = 'https://x.test/img/12cd.png';

describe('createCoverPairing', () => {
  it('pairs covers written before their videos (the seed)', () => {
    expect(pair([['cover', C1], ['video', V1], ['cover', C2], ['video', V2]])).toEqual({ [V1]: C1, [V2]: C2 });
    expect(pair([['cover', P1], ['video', X1], ['cover', P2], ['video', X2]])).toEqual({ [X1]: P1, [X2]: P2 });
  });

  it('pairs covers written after their videos', () => {
    expect(pair([['video', X1], ['cover', P1], ['video', X2], ['cover', P2]])).toEqual({ [X1]: P1, [X2]: P2 });
  });

  it('pairs all-videos-then-all-covers and all-covers-then-all-videos in order', () => {
    expect(pair([['video', X1], ['video', X2], ['cover', P1], ['cover', P2]])).toEqual({ [X1]: P1, [X2]: P2 });
    expect(pair([['cover', P1], ['cover', P2], ['video', X1], ['video', X2]])).toEqual({ [X1]: P1, [X2]: P2 });
  });

  it('lets file names beat the order', () => {
    expect(pair([['video', V1], ['video', V2], ['cover', C2], ['cover', C1]])).toEqual({ [V1]: C1, [V2]: C2 });
    expect(pair([['cover', C2], ['cover', C1], ['video', V1], ['video', V2]])).toEqual({ [V1]: C1, [V2]: C2 });
  });

  it('once names pair, does not give a video a cover named for another one', () => {
    const V3 = 'https://v.test/r/ccc333.mp4';
    const C3 = 'https://i.test/r/ccc333_cover.jpg';
    // V2 has no cover of its own; C3 must wait for V3 instead of going to V2.
    expect(pair([['cover', C1], ['video', V1], ['video', V2], ['cover', C3], ['video', V3], ['settle']])).toEqual({
      [V1]: C1,
      [V2]: undefined,
      [V3]: C3,
    });
  });

  it('takes the cover the construct names (a poster) before anything else', () => {
    expect(pair([['cover', P1], ['video', X1, { cover: P2 }], ['video', X2]])).toEqual({ [X1]: P2, [X2]: P1 });
  });

  it('pairs through footnotes, whichever comes first', () => {
    expect(pair([['video', X1, { footnotes: ['c1'] }], ['video', X2, { footnotes: ['c2'] }], ['cover', P2, 'c2'], ['cover', P1, 'c1']])).toEqual({
      [X1]: P1,
      [X2]: P2,
    });
    expect(pair([['cover', P2, 'c2'], ['cover', P1, 'c1'], ['video', X1, { footnotes: ['c1'] }], ['video', X2, { footnotes: ['c2'] }]])).toEqual({
      [X1]: P1,
      [X2]: P2,
    });
  });

  it('ignores a second picture of a video that has its cover', () => {
    const thumbnail = 'https://i.test/r/aaa111_thumb.webp';
    expect(pair([['video', V1], ['cover', C1], ['cover', thumbnail], ['video', V2], ['settle']])).toEqual({ [V1]: C1, [V2]: undefined });
  });

  it('never moves a cover once given', () => {
    expect(pair([['video', X1], ['cover', P1], ['cover', P1], ['video', X2], ['settle']])).toEqual({ [X1]: P1, [X2]: undefined });
  });

  it('does not take the same picture signed again for another cover', () => {
    const signed = (expires: number) => `https://x.test/img/77aa.png?Expires=${expires}&Signature=s${expires}`;
    expect(pair([['video', X1], ['cover', signed(1)], ['video', X2], ['cover', signed(2)], ['settle']])).toEqual({
      [X1]: signed(1),
      [X2]: undefined,
    });
  });
});
