import type { VideoEntry } from '../store/video-entry';

export { isRenditionNumber, MAX_RENDITION } from '../protocol/messages';

/** Formats an alternate may be in besides the video containers the file name already knows. */
const RENDITION_EXTENSIONS = new Set(['gif', 'webm', 'mov', 'm4v', 'mp4']);

/**
 * The entry as it downloads rendition `n`: itself for 0, else the same entry with
 * `alternates[n - 1]` as its link (no expiry: that is known for the main link only). `undefined`
 * when the entry or that alternate does not exist.
 */
export function renditionEntry(entry: VideoEntry | undefined, n: number): VideoEntry | undefined {
  if (!entry || n === 0) return entry;
  const url = entry.alternates?.[n - 1];
  if (url === undefined) return undefined;
  const result: VideoEntry = { ...entry, videoUrl: url };
  delete result.expiresAt;
  delete result.videoKey;
  return result;
}

/**
 * The file name of rendition `n`: the template's name with `-alt<n>` before the extension (not
 * `-<n>`, which numbers the videos of one task), and the alternate's own extension when its URL
 * names one (`.gif`): `一条狗_889.mp4` → `一条狗_889-alt1.gif`.
 */
export function renditionFileName(name: string, n: number, url: string | undefined): string {
  if (n === 0) return name;
  const dot = name.lastIndexOf('.');
  const slash = name.lastIndexOf('/');
  const [base, extension] = dot > slash + 1 ? [name.slice(0, dot), name.slice(dot + 1)] : [name, 'mp4'];
  return `${base}-alt${n}.${urlExtension(url) ?? extension}`;
}


function urlExtension(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const extension = /\.([a-z0-9]+)$/i.exec(new URL(url).pathname)?.[1]?.toLowerCase();
    return extension !== undefined && RENDITION_EXTENSIONS.has(extension) ? extension : undefined;
  } catch {
    return undefined;
  }
}
