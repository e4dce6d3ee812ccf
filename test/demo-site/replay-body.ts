import type { ReplayOptions } from './replay-options';
import {
  SEED_MEDIA_PREFIX,
  contentDeltas,
  echoPrompt,
  encodeSse,
  findTaskLineEnd,
  planDelays,
  rewriteMediaOrigin,
  signMediaLinks,
  toFailureVariant,
  type SeedEvent,
} from './seed-replay';
import { planWrites, type PlannedWrite } from './write-plan';

/** The recorded seed, as events and as the file's own bytes. */
export interface Seed {
  events: readonly SeedEvent[];
  fileBytes: Uint8Array;
}

/** What the request adds to the replay. */
export interface ReplayContext {
  /** Where this server's `/media/` lives, e.g. `http://127.0.0.1:8787`. */
  origin: string;
  /** The last user message, echoed into the `VideoTask(… prompt=…)` line in the demo form. */
  prompt: string | undefined;
}

/** Plans the writes of one `/v1/chat/completions` answer. */
export function planReplay(seed: Seed, options: ReplayOptions, context: ReplayContext): PlannedWrite[] {
  const events = options.fail ? toFailureVariant(seed.events) : seed.events;
  let deltas = contentDeltas(events);
  let body: Uint8Array;
  if (options.source === 'fixture') {
    // The untouched file, so a test can compare hashes with what the page received.
    body = options.fail ? new TextEncoder().encode(encodeSse(events)) : seed.fileBytes;
  } else {
    deltas = rewriteMediaOrigin(deltas, SEED_MEDIA_PREFIX, `${context.origin}/media/`);
    if (options.expires !== undefined) deltas = signMediaLinks(deltas, `${context.origin}/media/`, options.expires);
    if (context.prompt !== undefined) deltas = echoPrompt(deltas, context.prompt);
    body = new TextEncoder().encode(encodeSse(events, deltas));
  }
  const delays = planDelays(
    events.map((event) => event.created),
    options.pace,
  );
  const taskLineEnd = findTaskLineEnd(deltas);
  const { slice, holdMs } = options;
  return planWrites(body, delays, {
    ...(slice && { slice }),
    ...(holdMs !== undefined && taskLineEnd !== undefined && { hold: { afterEvent: taskLineEnd, ms: holdMs } }),
  });
}
