import type { VideoEntry } from '../../../src/store/video-entry';

/** The day the gallery tests' entries were made. */
export const NOW = Date.UTC(2025, 2, 25);

/** Entry `n` of a chat site's library: dogs at odd numbers, cats at even, two models, made a millisecond apart. */
export function galleryEntry(n: number, overrides: Partial<VideoEntry> = {}): VideoEntry {
  return {
    id: `e${n}`,
    status: 'done',
    progress: 0,
    videoUrl: `https://cdn.example/${n}.mp4`,
    prompt: n % 2 ? `dog ${n}` : `cat ${n}`,
    model: n % 3 ? 'cogvideox' : 'veo',
    site: 'http://localhost:3000',
    pageUrl: 'http://localhost:3000/',
    endpointUrl: 'http://localhost:3000/v1/chat/completions',
    index: 0,
    createdAt: NOW - 1000 + n,
    updatedAt: NOW,
    ...overrides,
  };
}
