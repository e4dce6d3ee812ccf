/** What a link in an answer points to, judged from its label and its URL. */
export type LinkKind = 'video' | 'cover' | 'other';

const VIDEO_EXTENSION = /\.(mp4|webm|mov|m4v|mkv)$/i;
const IMAGE_EXTENSION = /\.(jpe?g|png|webp|gif|avif|bmp)$/i;
const COVER_LABEL = /封面|cover|poster|thumbnail|缩略图/i;
const VIDEO_LABEL = /视频|video|下载|download/i;

/**
 * Classifies a link. A cover is named so by its label (`封面`) or is an image whose name
 * says cover; a video is a video file, or a link labelled as one that is not an image.
 */
export function linkKind(label: string, url: string): LinkKind {
  const path = pathOf(url);
  const isImage = IMAGE_EXTENSION.test(path);
  if (COVER_LABEL.test(label) || (isImage && /cover|poster|thumb/i.test(path))) return 'cover';
  if (VIDEO_EXTENSION.test(path)) return 'video';
  if (VIDEO_LABEL.test(label) && !isImage) return 'video';
  return 'other';
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}
