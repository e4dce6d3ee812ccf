/**
 * What the library keeps of one entry's files, in the `offline` store (schema v3), keyed by the
 * entry's id. Kept apart from `VideoEntry` so entry writes (capture merges, import, undo) never
 * carry Blobs, and an entry read for the gallery never loads one.
 */
export type OfflineCopy = KeptCopy | SkippedCopy;

/** The video (and cover, when it could be fetched) as they were while the link still worked. */
export interface KeptCopy {
  id: string;
  state: 'kept';
  /** The link the copy was fetched from; a later, different link of the entry is fetched again. */
  videoUrl: string;
  video: Blob;
  cover?: Blob;
  /** `video.size + cover.size`, counted against the user's cap. */
  bytes: number;
  /** Epoch ms. */
  savedAt: number;
}

/** Why no copy was made; recorded so the same link is not fetched again and again. */
export type SkipReason =
  /** Bigger than what is left of the user's cap (or than one copy may be). */
  | 'too-large'
  /** The server answered with something that is not a video (an HTML error page, JSON). */
  | 'not-video'
  /** Network error, CORS refusal, HTTP error or timeout. */
  | 'unreachable';

export interface SkippedCopy {
  id: string;
  state: 'skipped';
  videoUrl: string;
  reason: SkipReason;
  /** What the server or the browser said, for the log and the gallery's tooltip. */
  detail: string;
  /** Epoch ms of the attempt. */
  savedAt: number;
}
