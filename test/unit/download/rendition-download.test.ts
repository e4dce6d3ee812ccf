import { describe, expect, it } from 'vitest';
import { isRenditionNumber, renditionEntry, renditionFileName } from '../../../src/download/rendition-download';
import type { VideoEntry } from '../../../src/store/video-entry';

const entry: VideoEntry = {
  id: 'task:kling:1:0',
  status: 'done',
  progress: 0,
  videoUrl: 'https://cdn.example/a.mp4?sig=1',
  videoKey: 'https://cdn.example/a.mp4',
  expiresAt: 1,
  alternates: ['https://cdn.example/a_wm.mp4', 'https://cdn.example/a.gif'],
  site: 'https://klingai.com',
  pageUrl: 'https://klingai.com/',
  endpointUrl: 'https://klingai.com/api',
  index: 0,
  createdAt: 0,
  updatedAt: 0,
};

describe('rendition downloads', () => {
  it('downloads an alternate as the same entry with that link and no expiry', () => {
    expect(renditionEntry(entry, 0)).toBe(entry);
    const second = renditionEntry(entry, 2);
    expect(second?.videoUrl).toBe('https://cdn.example/a.gif');
    expect(second?.expiresAt).toBeUndefined();
    expect(second?.videoKey).toBeUndefined();
    expect(second?.id).toBe(entry.id);
    expect(renditionEntry(entry, 3)).toBeUndefined();
    expect(renditionEntry(undefined, 1)).toBeUndefined();
  });

  it('names it after the template with a suffix and its own format', () => {
    expect(renditionFileName('一条狗_889.mp4', 0, entry.videoUrl)).toBe('一条狗_889.mp4');
    expect(renditionFileName('一条狗_889.mp4', 1, 'https://cdn.example/a_wm.mp4')).toBe('一条狗_889-alt1.mp4');
    expect(renditionFileName('kling/一条狗_889.mp4', 2, 'https://cdn.example/a.gif')).toBe('kling/一条狗_889-alt2.gif');
    expect(renditionFileName('folder.v2/name', 1, 'https://cdn.example/stream')).toBe('folder.v2/name-alt1.mp4');
  });

  it('accepts only small whole rendition numbers', () => {
    expect([0, 1, 16].every(isRenditionNumber)).toBe(true);
    expect([-1, 1.5, 17, '1', undefined].some(isRenditionNumber)).toBe(false);
  });
});
