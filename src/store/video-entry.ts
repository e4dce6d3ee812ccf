/** Lifecycle of one captured video. `generating` ends in `done` or `failed`, never stays. */
export type VideoStatus = 'generating' | 'done' | 'failed';

/** Why an entry failed; shown to the user. */
export type FailureReason =
  /** The answer ended without a video link (the model failed or timed out). */
  | 'no-result'
  /** The stream broke (network error or abort) before the result arrived. */
  | 'stream-error'
  /** The page or tab went away before the result arrived. */
  | 'interrupted';

/** One generated video, as stored in IndexedDB. Every URL is http(s), checked at capture. */
export interface VideoEntry {
  /**
   * `task:<taskId>:<index>` when the answer names a task, else `url:<videoKey>` (before schema
   * v2: `url:<videoUrl>`; such ids stay, dedupe goes through `videoKey`).
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
  failureReason?: FailureReason;
  /** Epoch ms when first captured; never changes afterwards. */
  createdAt: number;
  /** Epoch ms of the last change. */
  updatedAt: number;
}
