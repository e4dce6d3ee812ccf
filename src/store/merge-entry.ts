import { videoKey } from '../extract/video-key';
import type { BreakReason, FailureReason, VideoEntry, VideoStatus } from './video-entry';

/** The fields of an update every capture knows something of. */
interface EntryUpdateCore {
  id: string;
  status: VideoStatus;
  progress?: number;
  videoUrl?: string;
  /** `videoKey(videoUrl)`; computed from `videoUrl` when absent. */
  videoKey?: string;
  /** When `videoUrl` expires (epoch ms), if it says. */
  expiresAt?: number;
  /** `videoUrl` is a video by label only; see `VideoEntry.needsCheck`. */
  needsCheck?: boolean;
  coverUrl?: string;
  prompt?: string;
  taskId?: string;
  inputImageUrl?: string;
  model?: string;
  site: string;
  pageUrl: string;
  endpointUrl: string;
  index: number;
  failureReason?: FailureReason;
  partialReason?: BreakReason;
  /** The update comes from a stream cut at a size cap. */
  truncated?: true;
  /** `videoUrl` is the site's clean copy of the stored video: it replaces another stored link (kept as an alternate). */
  replacesLink?: true;
}

/** What a video app reports beyond a chat answer; the same fields as the entry's. */
type SiteFacts = Pick<VideoEntry, 'failureMessage' | 'percent' | 'width' | 'height' | 'durationMs' | 'alternates' | 'source'>;

/** What a capture knows about a video at one moment; merged into the stored entry. */
export type EntryUpdate = EntryUpdateCore & SiteFacts;

/** Fields that keep their first-seen value. */
const FIRST_SEEN = ['coverUrl', 'prompt', 'taskId', 'inputImageUrl', 'model', 'source'] as const;
/** Facts about the video a later report may fill in or correct (a site reports size once done). */
const LATEST_KNOWN = ['width', 'height', 'durationMs', 'alternates'] as const;

/**
 * Merges an update into the stored entry (or makes a new one). Replays and out-of-order
 * writes are harmless: `done` is final, a kept link (`partial`) is never given up for
 * `generating` or `failed`, progress never goes back, first-seen fields and `createdAt` are
 * kept, and a late result may still turn `failed` into `partial` or `done`. The one field
 * that moves forward is the link itself: the same video (same `videoKey`) signed to live
 * longer replaces the stored link, with its expiry and cover, so the gallery keeps a link that
 * works. A video confirmed by any update stays confirmed. An entry the generic task reader made
 * (`source: 'site-generic'`) is upgraded in place when the app's extractor reads the same task or
 * video: its cover, prompt, task id, input image and model take the extractor's; a generic read
 * of an extractor's entry only fills in what it lacks.
 */
export function mergeEntry(existing: VideoEntry | undefined, update: EntryUpdate, now: number): VideoEntry {
  if (!existing) {
    const entry: VideoEntry = {
      id: update.id,
      status: update.status,
      progress: update.progress ?? 0,
      site: update.site,
      pageUrl: update.pageUrl,
      endpointUrl: update.endpointUrl,
      index: update.index,
      createdAt: now,
      updatedAt: now,
    };
    copyDefined(entry, update);
    if (update.videoUrl) takeLink(entry, update, update.videoUrl);
    if (entry.status !== 'failed') {
      delete entry.failureReason;
      delete entry.failureMessage;
    }
    if (entry.status !== 'generating') delete entry.percent;
    if (entry.status !== 'partial') delete entry.partialReason;
    if (update.truncated && entry.status !== 'done') entry.truncated = true;
    return entry;
  }

  // What the generic reader guessed gives way to what the app's extractor reads (src/sites/generic-task-reader.ts).
  const upgrade = existing.source === 'site-generic' && update.source === 'site';
  const guess = update.source === 'site-generic' && existing.source !== undefined && existing.source !== 'site-generic';
  const status = nextStatus(existing, update.status);
  const merged: VideoEntry = { ...existing, status, updatedAt: now };
  merged.progress = Math.max(existing.progress, update.progress ?? 0);
  const replaced = update.videoUrl && update.replacesLink && !upgrade ? replaceLink(merged, update, update.videoUrl) : undefined;
  if (update.videoUrl && upgrade) takeLink(merged, update, update.videoUrl);
  else if (update.videoUrl && !replaced) mergeLink(merged, update, update.videoUrl);
  for (const key of FIRST_SEEN) {
    if ((merged[key] === undefined || upgrade) && update[key] !== undefined) (merged as unknown as Record<string, unknown>)[key] = update[key];
  }
  // Size, length and renditions describe the update's link: kept only when that is the stored one.
  const sameLink = !update.videoUrl || !merged.videoUrl || updateVideoKey(update) === (merged.videoKey ?? videoKey(merged.videoUrl));
  for (const key of LATEST_KNOWN) {
    if (sameLink && update[key] !== undefined && !(guess && merged[key] !== undefined)) (merged as unknown as Record<string, unknown>)[key] = update[key];
  }
  if (replaced) merged.alternates = [...new Set([...(merged.alternates ?? []), replaced])].slice(0, MAX_ALTERNATES);
  if (status === 'generating' && update.percent !== undefined) merged.percent = Math.max(existing.percent ?? 0, update.percent);
  else if (status !== 'generating') delete merged.percent;
  if (status === 'failed') {
    merged.failureReason = existing.status === 'failed' ? (existing.failureReason ?? update.failureReason) : update.failureReason;
    const message = existing.status === 'failed' ? (existing.failureMessage ?? update.failureMessage) : update.failureMessage;
    if (message === undefined) delete merged.failureMessage;
    else merged.failureMessage = message;
  }
  else {
    delete merged.failureReason;
    delete merged.failureMessage;
  }
  // The latest break of the answer says why it is partial; a still-streaming replay keeps it.
  const partialReason = (update.status === 'partial' ? update.partialReason : undefined) ?? existing.partialReason;
  if (status === 'partial' && partialReason) merged.partialReason = partialReason;
  else delete merged.partialReason;
  // A clean end of the answer (`done`) means nothing of it was left unread.
  if ((existing.truncated || update.truncated) && status !== 'done') merged.truncated = true;
  else delete merged.truncated;
  return merged;
}

/** The key an update's video is stored and looked up under. */
export function updateVideoKey(update: Pick<EntryUpdate, 'videoUrl' | 'videoKey'>): string | undefined {
  if (!update.videoUrl) return undefined;
  return update.videoKey ?? videoKey(update.videoUrl);
}

/** Renditions an entry keeps at most (as the entry parser accepts). */
const MAX_ALTERNATES = 16;

/** Takes the site's clean copy in place of another stored link; returns the link it replaced, if any. */
function replaceLink(merged: VideoEntry, update: EntryUpdate, videoUrl: string): string | undefined {
  const stored = merged.videoUrl;
  if (!stored || (merged.videoKey ?? videoKey(stored)) === updateVideoKey(update)) return undefined;
  takeLink(merged, update, videoUrl);
  return stored;
}

function mergeLink(merged: VideoEntry, update: EntryUpdate, videoUrl: string): void {
  if (!merged.videoUrl) {
    takeLink(merged, update, videoUrl);
    return;
  }
  const storedKey = merged.videoKey ?? videoKey(merged.videoUrl);
  if (storedKey !== updateVideoKey(update)) return;
  if (!update.needsCheck) delete merged.needsCheck;
  if (outlives(update.expiresAt, merged.expiresAt)) {
    const confirmed = !merged.needsCheck;
    takeLink(merged, update, videoUrl);
    if (confirmed) delete merged.needsCheck;
    // A cover signed in the same answer as the fresher link expires with it.
    if (update.coverUrl) merged.coverUrl = update.coverUrl;
  }
}

function takeLink(entry: VideoEntry, update: EntryUpdate, videoUrl: string): void {
  entry.videoUrl = videoUrl;
  entry.videoKey = update.videoKey ?? videoKey(videoUrl);
  if (update.expiresAt === undefined) delete entry.expiresAt;
  else entry.expiresAt = update.expiresAt;
  if (update.needsCheck) entry.needsCheck = true;
  else delete entry.needsCheck;
}

/** A link with no expiry outlives any signed one; of two signed links, the later expiry. */
function outlives(candidate: number | undefined, stored: number | undefined): boolean {
  if (stored === undefined) return false;
  return candidate === undefined || candidate > stored;
}

function nextStatus(existing: VideoEntry, incoming: VideoStatus): VideoStatus {
  if (existing.status === 'done' || incoming === 'done') return 'done';
  // A link is kept once seen: an earlier or a broken replay of the answer cannot take it away.
  if (existing.status === 'partial' || incoming === 'partial') return 'partial';
  // An entry failed as `interrupted` (its worker or page went away) comes back to life when
  // its stream is replayed; any other failure is the answer's own verdict and stays.
  if (existing.status === 'failed' && incoming === 'generating') {
    return existing.failureReason === 'interrupted' ? 'generating' : 'failed';
  }
  return incoming;
}

function copyDefined(target: VideoEntry, update: EntryUpdate): void {
  for (const key of [...FIRST_SEEN, ...LATEST_KNOWN, 'failureReason', 'failureMessage', 'percent', 'partialReason'] as const) {
    const value = update[key];
    if (value !== undefined) (target as unknown as Record<string, unknown>)[key] = value;
  }
}
