import { sliceBytes } from './seed-replay';

/** One `response.write`: wait `delayMs`, then send `bytes`. */
export interface PlannedWrite {
  delayMs: number;
  bytes: Uint8Array;
}

/** How to cut and pace an SSE body. */
export interface WritePlanOptions {
  /** Cut into seeded random slices instead of one write per event. */
  slice?: { seed: number; maxSlice: number };
  /** Pause `ms` once, right after event `afterEvent` has been sent whole. */
  hold?: { afterEvent: number; ms: number };
}

const LF = 0x0a;

/**
 * Turns an SSE body and the delay before each of its events into writes. Without slicing there is one
 * write per event; with slicing, a slice waits for the sum of the delays of the events starting in it,
 * and a hold always falls on a slice boundary so the pause comes exactly after the held event.
 */
export function planWrites(
  body: Uint8Array,
  eventDelays: readonly number[],
  options: WritePlanOptions = {},
): PlannedWrite[] {
  const starts = eventStarts(body);
  if (starts.length !== eventDelays.length) {
    throw new Error(`planWrites: the body has ${starts.length} events but ${eventDelays.length} delays were planned`);
  }
  const { hold } = options;
  const holdAt = hold ? (starts[hold.afterEvent + 1] ?? body.length) : undefined;

  const cuts = new Set<number>(
    options.slice ? sliceEnds(body, options.slice.seed, options.slice.maxSlice) : [...starts.slice(1), body.length],
  );
  if (holdAt !== undefined) cuts.add(holdAt);
  const ends = [...cuts].filter((end) => end > 0).sort((a, b) => a - b);

  const writes: PlannedWrite[] = [];
  let from = 0;
  for (const end of ends) {
    let delayMs = 0;
    starts.forEach((start, index) => {
      if (start >= from && start < end) delayMs += eventDelays[index] ?? 0;
    });
    if (hold && from === holdAt) delayMs += hold.ms;
    writes.push({ delayMs, bytes: body.subarray(from, end) });
    from = end;
  }
  // Holding after the last event still delays the end of the response.
  if (hold && holdAt === body.length) writes.push({ delayMs: hold.ms, bytes: new Uint8Array(0) });
  return writes;
}

/** Byte offsets where each `data:` event starts; events are separated by a blank line (`\n\n`). */
export function eventStarts(body: Uint8Array): number[] {
  if (body.length === 0) return [];
  const starts = [0];
  for (let index = 1; index < body.length - 1; index++) {
    if (body[index] === LF && body[index - 1] === LF && body[index + 1] !== LF) starts.push(index + 1);
  }
  return starts;
}

function sliceEnds(body: Uint8Array, seed: number, maxSlice: number): number[] {
  let end = 0;
  return sliceBytes(body, seed, maxSlice).map((slice) => (end += slice.length));
}
