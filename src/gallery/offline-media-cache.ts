import type { EntryMedia, EntryMediaMap } from './entry-media';

export interface OfflineMediaCache {
  /** The offline copy of entry `id` known so far. */
  get(id: string): EntryMedia | undefined;
  /** Asks `load` for the copies of `ids` not asked for since the last `reset()`. */
  ask(ids: readonly string[]): void;
  /** Forgets what was asked (the library changed, or the clock moved on): copies may have come or gone. */
  reset(): void;
}

/**
 * The offline copies of the entries a page has shown, read through `load` (absent: no copies)
 * at most once per id between two resets. `onChange` runs when an answer changed a copy.
 */
export function createOfflineMediaCache(load: ((ids: string[]) => Promise<EntryMediaMap>) | undefined, onChange: () => void): OfflineMediaCache {
  const media = new Map<string, EntryMedia>();
  const asked = new Set<string>();
  let round = 0;

  function take(missing: readonly string[], found: EntryMediaMap): void {
    let changed = false;
    for (const id of missing) {
      const next = found.get(id);
      const before = media.get(id);
      if (next?.videoUrl === before?.videoUrl && next?.coverUrl === before?.coverUrl) continue;
      changed = true;
      if (next) media.set(id, next);
      else media.delete(id);
    }
    if (changed) onChange();
  }

  return {
    get: (id) => media.get(id),
    ask(ids) {
      const missing = ids.filter((id) => !asked.has(id));
      if (!load || missing.length === 0) return;
      for (const id of missing) asked.add(id);
      const askedIn = round;
      load(missing).then(
        (found) => {
          // An answer from before a reset may be older than the library now on screen.
          if (askedIn === round) take(missing, found);
        },
        (error: unknown) => {
          console.error('[video-keeper] could not read the offline copies', error);
          // Asked again on the next draw, not at once: a broken store is not hammered.
          for (const id of missing) asked.delete(id);
        },
      );
    },
    reset() {
      round++;
      asked.clear();
    },
  };
}
