/**
 * The last body each video-app endpoint answered, so that a page polling an unchanged library
 * costs the background a string comparison instead of a parse, an extraction and a merge per
 * item (figures: `npm run bench`, steady state; docs/benchmarks.md). In memory only: a worker
 * that restarts reads the next poll in full, which writes nothing either (src/store/same-entry.ts).
 */
export interface UnchangedBodies {
  /** What was found in `text` when the same call last answered exactly `text`, else undefined. */
  foundBefore(call: string, text: string): number | undefined;
  /** Keeps `text` as the last answer of `call` (and what was found in it). */
  remember(call: string, text: string, found: number): void;
}

export interface UnchangedBodiesOptions {
  /** Calls remembered at most, the least recently answered dropped first. */
  maxCalls: number;
  /** A longer body is not kept (nor compared). */
  maxChars: number;
}

/** Default: 8 calls of up to 2 Mi characters (a 100-item library is about 0.4 Mi). */
export const UNCHANGED_BODIES_DEFAULTS: UnchangedBodiesOptions = { maxCalls: 8, maxChars: 2 * 1024 * 1024 };

export function createUnchangedBodies(options: UnchangedBodiesOptions = UNCHANGED_BODIES_DEFAULTS): UnchangedBodies {
  const last = new Map<string, { text: string; found: number }>();
  return {
    foundBefore(call, text) {
      const kept = last.get(call);
      return kept !== undefined && kept.text === text ? kept.found : undefined;
    },
    remember(call, text, found) {
      last.delete(call);
      if (text.length > options.maxChars) return;
      last.set(call, { text, found });
      for (const oldest of last.keys()) {
        if (last.size <= options.maxCalls) break;
        last.delete(oldest);
      }
    },
  };
}
