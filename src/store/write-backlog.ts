import type { EntryUpdate } from './merge-entry';
import { scrubEntryUrls } from './scrub-url';

/**
 * Entry updates the library database refused (quota exceeded, IndexedDB unavailable), kept for
 * a retry. The background mirrors it into `storage.local` under `WRITE_BACKLOG_KEY` so it
 * outlives a stopped worker, and removes the key once everything is stored; the popup reads the
 * key to say that captures are waiting and why.
 */
export interface WriteBacklog {
  updates: EntryUpdate[];
  /** The last error of the store, e.g. `QuotaExceededError: …`. */
  error: string;
  /** Epoch ms of the first failed write that is still waiting. */
  since: number;
}

export const WRITE_BACKLOG_KEY = 'writeBacklog';

/**
 * Reads a backlog back from storage. What comes back was written by this extension, but a
 * profile may hold one from an older version: only well-formed parts are taken, their
 * URLs scrubbed (an older version kept them whole).
 */
export function parseWriteBacklog(value: unknown): WriteBacklog | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { updates, error, since } = value as Record<string, unknown>;
  if (!Array.isArray(updates) || typeof error !== 'string' || typeof since !== 'number') return undefined;
  const kept = updates.filter(isEntryUpdate).map(scrubEntryUrls);
  return kept.length > 0 ? { updates: kept, error, since } : undefined;
}

function isEntryUpdate(value: unknown): value is EntryUpdate {
  if (typeof value !== 'object' || value === null) return false;
  const update = value as Record<string, unknown>;
  return (
    typeof update.id === 'string' &&
    (update.status === 'generating' || update.status === 'done' || update.status === 'partial' || update.status === 'failed') &&
    typeof update.site === 'string' &&
    typeof update.pageUrl === 'string' &&
    typeof update.endpointUrl === 'string' &&
    typeof update.index === 'number'
  );
}
