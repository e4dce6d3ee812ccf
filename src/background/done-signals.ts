import type { Settings } from '../settings/settings';
import { isStreaming, type VideoEntry } from '../store/video-entry';

/**
 * What the background remembers about videos becoming done, across worker restarts
 * (`storage.session` under `DONE_SIGNALS_KEY`). Bounded: `MAX_WATCHED` and `MAX_SIGNALLED` ids.
 */
export interface DoneSignalState {
  /**
   * Entries a capture showed streaming (generating, or partial while the answer still streams)
   * and that are not done yet, oldest first, with when they were first seen.
   */
  watching: Array<{ id: string; since: number }>;
  /** Entries already signalled (downloaded, notified, or done while both were off), oldest first. */
  signalled: string[];
}

export const DONE_SIGNALS_KEY = 'doneSignals';
/** Entries watched at most; past it the oldest are forgotten (a chat rarely has 200 videos in flight). */
export const MAX_WATCHED = 200;
/** Signalled ids kept at most: enough to cover every write still in flight or replayed. */
export const MAX_SIGNALLED = 200;
/** A video still not done a day after it was first seen generating is forgotten. */
export const WATCH_FOR_MS = 24 * 60 * 60 * 1000;
/** Longest id kept; entry ids are task ids or signature-free URLs, far shorter in practice. */
const MAX_ID_LENGTH = 2048;

/** A state with nothing watched or signalled. */
export function emptyDoneSignalState(): DoneSignalState {
  return { watching: [], signalled: [] };
}

/** The state from whatever is stored (nothing, junk, an older shape): invalid parts are dropped, sizes capped. */
export function parseDoneSignalState(value: unknown): DoneSignalState {
  const record = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const isId = (id: unknown): id is string => typeof id === 'string' && id !== '' && id.length <= MAX_ID_LENGTH;
  const watching = Array.isArray(record.watching)
    ? record.watching.flatMap((item: unknown) => {
        const { id, since } = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
        return isId(id) && typeof since === 'number' && Number.isFinite(since) ? [{ id, since }] : [];
      })
    : [];
  const signalled = Array.isArray(record.signalled) ? record.signalled.filter(isId) : [];
  return { watching: watching.slice(-MAX_WATCHED), signalled: signalled.slice(-MAX_SIGNALLED) };
}

/** What a write changed for the signals. */
export interface DoneSignalDecision {
  /** Entries that just became done in a capture: each is signalled once, here and never again. */
  done: VideoEntry[];
  state: DoneSignalState;
  /** Whether `state` differs from the one given (and must be saved). */
  changed: boolean;
}

/**
 * Which entries of a capture write just became done, in the write's order. An entry is done
 * news once: when a capture showed it streaming before (kept in `watching`, so a worker stopped
 * in between still knows), or when the write itself created it already done (a non-streaming
 * answer; `createdAt === writtenAt`). An old entry seen again (a replay, the chat reloaded, a
 * re-signed link of the same video) is neither; imports never come through a capture.
 *
 * `writtenAt` is the time the write stored the entries under; leave it out for entries read back
 * from the store (a new worker checking what it watched), which are never new.
 */
export function decideDoneSignals(
  state: DoneSignalState,
  entries: readonly VideoEntry[],
  { writtenAt, now }: { writtenAt?: number; now: number },
): DoneSignalDecision {
  const watching = new Map(state.watching.map((item) => [item.id, item.since]));
  const signalled = new Set(state.signalled);
  const done: VideoEntry[] = [];
  let changed = false;
  for (const entry of entries) {
    if (signalled.has(entry.id)) continue;
    if (entry.status === 'done') {
      if (watching.has(entry.id) || entry.createdAt === writtenAt) {
        done.push(entry);
        signalled.add(entry.id);
        watching.delete(entry.id);
        changed = true;
      }
    } else if (isStreaming(entry) && !watching.has(entry.id)) {
      watching.set(entry.id, now);
      changed = true;
    }
  }
  const next = bounded({ watching: [...watching].map(([id, since]) => ({ id, since })), signalled: [...signalled] }, now);
  changed ||= next.watching.length !== watching.size;
  return { done, state: next, changed };
}

/** Forgets watched entries that are gone from the library (deleted while generating). */
export function forgetWatched(state: DoneSignalState, ids: ReadonlySet<string>): DoneSignalDecision {
  const watching = state.watching.filter((item) => !ids.has(item.id));
  return { done: [], state: { ...state, watching }, changed: watching.length !== state.watching.length };
}

/** Who gets told about done entries under the user's settings: both are off by default. */
export function signalsFor(
  done: readonly VideoEntry[],
  settings: Pick<Settings, 'autoDownload' | 'notifyDone'>,
): { download: VideoEntry[]; notify: VideoEntry[] } {
  return { download: settings.autoDownload ? [...done] : [], notify: settings.notifyDone ? [...done] : [] };
}

function bounded(state: DoneSignalState, now: number): DoneSignalState {
  return {
    watching: state.watching
      .filter((item) => now - item.since < WATCH_FOR_MS)
      .sort((a, b) => a.since - b.since)
      .slice(-MAX_WATCHED),
    signalled: state.signalled.slice(-MAX_SIGNALLED),
  };
}
