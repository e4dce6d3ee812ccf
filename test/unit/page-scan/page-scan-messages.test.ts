import { describe, expect, it } from 'vitest';
import { foundVideosMessage, keptVideosMessage } from '@/src/page-scan/page-scan-messages';

describe('the page scan counts', () => {
  it('say how many videos the page has', () => {
    expect([0, 1, 3].map(foundVideosMessage)).toEqual(['No video files on this page.', '1 video on this page.', '3 videos on this page.']);
  });

  it('say how many videos were kept', () => {
    expect([0, 1, 2].map(keptVideosMessage)).toEqual(['Already in your library: nothing new to keep.', 'Kept 1 video.', 'Kept 2 videos.']);
  });
});
