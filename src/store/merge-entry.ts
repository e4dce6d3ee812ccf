import type { FailureReason, VideoEntry, VideoStatus } from './video-entry';

/** What a capture knows about a video at one moment; merged into the stored entry. */
export interface EntryUpdate {
  id: string;
  status: VideoStatus;
  progress?: number;
  videoUrl?: string;
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
}

/**
 * Merges an update into the stored entry (or makes a new one). Replays and out-of-order
 * writes are harmless: `done` is final, progress never goes back, first-seen fields and
 * `createdAt` are kept, and a late result may still turn `failed` into `done`.
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
    if (entry.status !== 'failed') delete entry.failureReason;
    return entry;
  }

  const status = nextStatus(existing, update.status);
  const merged: VideoEntry = { ...existing, status, updatedAt: now };
  merged.progress = Math.max(existing.progress, update.progress ?? 0);
  for (const key of ['videoUrl', 'coverUrl', 'prompt', 'taskId', 'inputImageUrl', 'model'] as const) {
    if (merged[key] === undefined && update[key] !== undefined) merged[key] = update[key];
  }
  if (status === 'failed') {
    merged.failureReason = existing.status === 'failed' ? (existing.failureReason ?? update.failureReason) : update.failureReason;
  }
  else delete merged.failureReason;
  return merged;
}

function nextStatus(existing: VideoEntry, incoming: VideoStatus): VideoStatus {
  if (existing.status === 'done' || incoming === 'done') return 'done';
  // An entry failed as `interrupted` (its worker or page went away) comes back to life when
  // its stream is replayed; any other failure is the answer's own verdict and stays.
  if (existing.status === 'failed' && incoming === 'generating') {
    return existing.failureReason === 'interrupted' ? 'generating' : 'failed';
  }
  return incoming;
}

function copyDefined(target: VideoEntry, update: EntryUpdate): void {
  for (const key of ['videoUrl', 'coverUrl', 'prompt', 'taskId', 'inputImageUrl', 'model', 'failureReason'] as const) {
    const value = update[key];
    if (value !== undefined) (target as unknown as Record<string, unknown>)[key] = value;
  }
}
