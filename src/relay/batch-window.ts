import { MAX_EMBEDDED_BLOB } from './blob-batches';
import type { KeptStream } from './kept-streams';
import { FLUSH_TEXT } from './take-batches';

/** Batching window: many tiny network chunks become one message per window. */
export const FLUSH_MS = 40;
/**
 * Blob mode: a body arriving faster than the batching window can embed (MAX_EMBEDDED_BLOB) is
 * held until this much is pending, then sent as one Blob, whose bytes cost the page's thread a
 * third of what embedded ones do (docs/benchmarks.md).
 */
export const BULK_FLUSH_BYTES = 4 * 1024 * 1024;
/** Blob mode: the longest a fast body is held for a bulk Blob before it is sent anyway. */
export const MAX_HOLD_MS = 1000;

export interface BatchWindowOptions {
  /** Schedules a batch flush; `setTimeout` in the browser. */
  schedule(callback: () => void, ms: number): unknown;
  now(): number;
  /** Every stream kept, whose pending body the window sends. */
  streams(): Iterable<KeptStream>;
  /** Sends what `stream` has pending. */
  flush(stream: KeptStream): void;
}

export interface BatchWindow {
  /** `stream` has more pending: sent now when that makes a full batch, else when the window closes. */
  queued(stream: KeptStream): void;
}

/**
 * One timer for all the streams of a frame: when it fires, every stream's pending body is sent,
 * except a fast one in Blob mode, held for a bulk Blob (but not for ever, MAX_HOLD_MS).
 */
export function createBatchWindow(options: BatchWindowOptions): BatchWindow {
  let scheduled = false;

  const close = (): void => {
    scheduled = false;
    for (const stream of options.streams()) {
      // A fast body waits for a bulk Blob (but not for ever); a slow one goes now, embedded.
      const held = stream.partsSize > MAX_EMBEDDED_BLOB && options.now() - stream.heldSince < MAX_HOLD_MS;
      if (held) schedule();
      else options.flush(stream);
    }
  };

  const schedule = (): void => {
    if (scheduled) return;
    scheduled = true;
    options.schedule(close, FLUSH_MS);
  };

  return {
    queued(stream) {
      if (stream.pending.length >= FLUSH_TEXT || stream.partsSize >= BULK_FLUSH_BYTES) options.flush(stream);
      else schedule();
    },
  };
}
