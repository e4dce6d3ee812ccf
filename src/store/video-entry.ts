/**
 * Lifecycle of one captured video. `generating` ends in `done`, `partial` or `failed`, never
 * stays. `partial`: the video link is kept (it can be downloaded), but the answer it came in
 * has not ended cleanly: it is still streaming (no `partialReason` yet), or it broke, was cut
 * or lost its page (`partialReason`), so a link in its last line may be cut short and later
 * videos may be missing. A clean end of the same answer makes it `done`.
 */
export type VideoStatus = 'generating' | 'done' | 'partial' | 'failed';

/** How a stream ended before its answer did; shown to the user. */
export type BreakReason =
  /** The stream broke (network error, abort, or the server sent an error) before the answer ended. */
  | 'stream-error'
  /** The page or tab went away (or the browser quit) before the answer ended. */
  | 'interrupted'
  /** The answer grew past a size cap of the extension; what followed was not read. */
  | 'truncated';

/** Why an entry failed; shown to the user. */
export type FailureReason =
  /** The answer ended without a video link (the model failed or timed out). */
  | 'no-result'
  | BreakReason;

/**
 * How an entry came to the library: a captured chat answer (`stream`, the default when absent),
 * a video app's own JSON (`site`), the same read by the generic task reader because no extractor
 * knew its shape (`site-generic`, upgraded to `site` when an extractor reads the task), the popup's
 * page scan (`found-on-page`), the context menu (`context-menu`), or an imported chat history file
 * (`chat-history`).
 */
export type EntrySource = 'stream' | 'site' | 'found-on-page' | 'context-menu' | 'chat-history' | 'site-generic';

/** Every `EntrySource`, for validation of untrusted input. */
export const ENTRY_SOURCES: readonly EntrySource[] = ['stream', 'site', 'found-on-page', 'context-menu', 'chat-history', 'site-generic'];

/** One generated video, as stored in IndexedDB. Every URL is http(s), checked at capture. */
export interface VideoEntry {
  /**
   * `task:<taskId>:<index>` when a chat answer names a task, `task:<extractor>:<taskId>:<index>`
   * for a video app's task (a `:` in a task id is escaped as `%3A`, so the two never meet), else
   * `url:<videoKey>` (before schema v2: `url:<videoUrl>`; such ids stay, dedupe goes through
   * `videoKey`). An entry is only ever changed by updates of its own `site`.
   */
  id: string;
  status: VideoStatus;
  /** Progress marks (🔥) seen so far while generating. */
  progress: number;
  videoUrl?: string;
  /**
   * `videoKey(videoUrl)`: the URL without its signature and expiry parameters, so a re-signed
   * link of the same video has the same key. Indexed as `by-video-key` (schema v2) for dedupe.
   */
  videoKey?: string;
  /** Epoch ms when `videoUrl` stops working (a signed link), from `linkExpiry`; absent when unknown. */
  expiresAt?: number;
  /**
   * Only a label or tag says `videoUrl` is a video (a proxy URL with no video file name).
   * Whoever fetches it should confirm by the response's `Content-Type` and apply an update with
   * the same `videoUrl` and no `needsCheck` to clear it. Absent means confirmed.
   */
  needsCheck?: boolean;
  coverUrl?: string;
  prompt?: string;
  taskId?: string;
  /** Input image of an image-to-video task; never the result. */
  inputImageUrl?: string;
  model?: string;
  /** Origin of the chat page, e.g. `http://localhost:3000`. */
  site: string;
  pageUrl: string;
  /** URL of the streaming response the answer came from. */
  endpointUrl: string;
  /** Position of this video in its answer (0-based). */
  index: number;
  /** Only on `failed` entries. */
  failureReason?: FailureReason;
  /** Only on `failed` entries: the site's own words for the failure (a moderation notice…), shown as text. */
  failureMessage?: string;
  /** Percent done (0–100) a video app reported while generating. */
  percent?: number;
  /** Pixel size and length of the video, where the site says. */
  width?: number;
  height?: number;
  durationMs?: number;
  /**
   * Other renditions of the same video the site offered (watermarked, smaller, a preview), best
   * first; never a separate video. http(s) only.
   */
  alternates?: string[];
  /** Where the entry came from; absent on entries older than the field (they are `stream`). */
  source?: EntrySource;
  /** Only on `partial` entries: how their answer broke; absent while it is still streaming. */
  partialReason?: BreakReason;
  /**
   * The stream this entry was read from was cut at a size cap (by the page-world copy, the relay
   * or the background), so the rest of the answer was never read. Absent once `done`.
   */
  truncated?: true;
  /** Epoch ms when first captured; never changes afterwards. */
  createdAt: number;
  /** Epoch ms of the last change. */
  updatedAt: number;
}

/** Whether an entry still waits for its stream: `generating`, or `partial` with no break yet. */
export function isStreaming(entry: Pick<VideoEntry, 'status' | 'partialReason'>): boolean {
  return entry.status === 'generating' || (entry.status === 'partial' && entry.partialReason === undefined);
}
