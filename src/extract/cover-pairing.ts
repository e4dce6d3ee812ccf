import { videoKey } from './video-key';

/** The part of a found video that pairing reads and writes. */
export interface PairedVideo {
  videoUrl: string;
  coverUrl?: string;
}

/** What the answer itself says about a video's cover, besides order. */
export interface NamedCover {
  /** Given by the same construct: `<video poster>`, `[![封面](img)](video)`. */
  cover?: string;
  /** Footnotes written right after the video link (`[视频](url)[^1]`) that may define its cover. */
  footnotes?: readonly string[];
}

export interface CoverPairing<V extends PairedVideo> {
  /** A new video was appended to the list. */
  addVideo(video: V, named: NamedCover): void;
  /** A video seen again: a cover named this time is still taken if it has none. Returns true when it got one. */
  nameCover(video: V, named: NamedCover): boolean;
  /** A cover; `footnote` when it is a footnote's definition. Returns true when a video got it. */
  addCover(url: string, footnote?: string): boolean;
  /** The answer is complete: covers still waiting go to videos still without one. */
  settle(): boolean;
}

/** Covers waiting for their video; more is not an answer. */
const MAX_PENDING = 64;
/** Path and query words that say what kind of file it is, not which one: dropped from stems. */
const KIND_WORDS = new Set(
  ('cover covers poster posters thumb thumbs thumbnail thumbnails 封面 缩略图 首帧 frame snapshot ' +
    'video videos 视频 vid img image images pic pics mp4 webm mov m4v mkv avi ogv jpg jpeg png webp gif avif bmp heic').split(' '),
);

/**
 * Gives each video its cover when an answer holds several. In order of trust: the construct
 * itself (`<video poster>`), footnotes (`[视频](v)[^1]` with `[^1]: [封面](c)`), file names
 * (`abc_cover_0.jpeg` belongs to `abc_0.mp4`), and last the order: a cover waits for the next
 * video, or goes to the earliest video still without one. Once names have paired a cover in an
 * answer, order alone no longer does: such a producer names every pair. A cover is never moved
 * once given: updates sent while the answer streams never contradict each other.
 */
export function createCoverPairing<V extends PairedVideo>(videos: readonly V[]): CoverPairing<V> {
  const given = new Set<string>();
  const pending: string[] = [];
  const footnoteCovers = new Map<string, string>();
  const footnoteVideos = new Map<string, V>();
  const stems = new Map<string, string | undefined>();
  let namesPair = false;

  const stem = (url: string): string | undefined => {
    if (!stems.has(url)) stems.set(url, stemOf(url));
    return stems.get(url);
  };
  // Covers are told apart by key too: the same picture signed again is not another cover.
  const isKnown = (cover: string): boolean => {
    const key = videoKey(cover);
    return given.has(key) || pending.some((waiting) => videoKey(waiting) === key);
  };
  const give = (video: V, cover: string): true => {
    video.coverUrl = cover;
    given.add(videoKey(cover));
    const waiting = pending.indexOf(cover);
    if (waiting >= 0) pending.splice(waiting, 1);
    return true;
  };
  const namedCover = (video: V, named: NamedCover): boolean => {
    if (video.coverUrl) return false;
    if (named.cover && !given.has(videoKey(named.cover))) return give(video, named.cover);
    for (const note of named.footnotes ?? []) {
      const cover = footnoteCovers.get(note);
      if (cover && !given.has(videoKey(cover))) return give(video, cover);
    }
    return false;
  };
  const sameName = (video: V, cover: string): boolean => {
    const name = stem(cover);
    return name !== undefined && stem(video.videoUrl) === name;
  };

  return {
    addVideo(video, named) {
      for (const note of named.footnotes ?? []) footnoteVideos.set(note, video);
      if (namedCover(video, named)) return;
      const byName = pending.find((cover) => sameName(video, cover));
      if (byName) {
        namesPair = true;
        give(video, byName);
        return;
      }
      const next = pending[0];
      if (!namesPair && next) give(video, next);
    },
    nameCover(video, named) {
      for (const note of named.footnotes ?? []) footnoteVideos.set(note, video);
      return namedCover(video, named);
    },
    addCover(url, footnote) {
      if (footnote) footnoteCovers.set(footnote, url);
      if (isKnown(url)) return false;
      const noted = footnote ? footnoteVideos.get(footnote) : undefined;
      if (noted && !noted.coverUrl) return give(noted, url);
      const named = videos.filter((video) => sameName(video, url));
      const free = named.find((video) => !video.coverUrl);
      if (free) {
        namesPair = true;
        return give(free, url);
      }
      // A second picture of a video that has its cover (a thumbnail beside a poster).
      if (named.length > 0) return false;
      const earliest = namesPair ? undefined : videos.find((video) => !video.coverUrl);
      if (earliest) return give(earliest, url);
      if (pending.length < MAX_PENDING) pending.push(url);
      return false;
    },
    settle() {
      let changed = false;
      for (const cover of [...pending]) {
        const video =
          videos.find((candidate) => !candidate.coverUrl && sameName(candidate, cover)) ??
          (namesPair ? undefined : videos.find((candidate) => !candidate.coverUrl));
        if (video) changed = give(video, cover);
      }
      return changed;
    },
  };
}

/**
 * What names a file apart from its kind: the words of its path and query (signatures
 * dropped), without kind words and extensions. `…/01579f22_cover_0.jpeg` and
 * `…/01579f22_0.mp4` share the stem `api cogvideo 01579f22 0`.
 */
function stemOf(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(videoKey(url));
  } catch {
    return undefined;
  }
  let text = safeDecode(parsed.pathname);
  for (const [name, value] of parsed.searchParams) {
    // Snapshot and transcode instructions say how a file is served, not which file it is.
    if (!/process$/i.test(name)) text += ` ${name} ${value}`;
  }
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word && !KIND_WORDS.has(word));
  return words.length > 0 ? words.join(' ') : undefined;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
