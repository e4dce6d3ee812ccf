import { safeMediaUrl } from '../gallery/safe-media-url';
import type { FoundVideo } from './parse-page-scan';

/**
 * What a found video looks like in the list: the cover the page gave (an http(s) address only),
 * else the file's first frame, read from its first bytes, muted and never played.
 */
export function foundVideoPreview(doc: Document, video: FoundVideo): HTMLImageElement | HTMLVideoElement {
  const cover = safeMediaUrl(video.coverUrl);
  if (cover) {
    const image = doc.createElement('img');
    image.src = cover;
    image.alt = '';
    image.loading = 'lazy';
    image.referrerPolicy = 'no-referrer';
    return image;
  }
  const preview = doc.createElement('video');
  preview.muted = true;
  preview.setAttribute('muted', '');
  preview.setAttribute('preload', 'metadata');
  preview.setAttribute('src', video.url);
  return preview;
}
