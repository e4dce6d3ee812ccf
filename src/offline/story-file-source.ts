import { storyFile, type StoryFileOptions } from '../download/story-file';
import type { VideoDatabase } from '../store/video-db';
import { fetchMedia, type MediaFetch } from './fetch-media';
import { keptCopy } from './offline-copies';
import { MAX_COPY_BYTES } from './offline-keeper';

/**
 * The video of an entry as a download saves it, read where `blob:` URLs are made (Chrome's
 * offscreen document, Firefox's background page): its kept copy or, when asked, the video
 * fetched for the purpose (no larger than a copy may be), with its story written in.
 */
export function createStoryFileSource(
  database: () => Promise<VideoDatabase>,
  fetch: MediaFetch,
): (id: string, options?: StoryFileOptions) => Promise<Blob | undefined> {
  return (id, options = {}) =>
    storyFile(id, options, {
      copy: async (key) => keptCopy(await (await database()).get('offline', key))?.video,
      entry: async (key) => (await database()).get('videos', key),
      async fetchVideo(url, site) {
        const fetched = await fetchMedia(url, { kind: 'video', maxBytes: MAX_COPY_BYTES, site, fetch });
        return fetched.ok ? fetched.blob : undefined;
      },
    });
}
