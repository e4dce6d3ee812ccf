import type { BackgroundToRelayMessage } from '../protocol/messages';
import type { CaptureLog } from './capture-log-entry';

/** Replays one stream may ask for on one port before the background gives up on it. */
export const MAX_REPLAYS_PER_STREAM = 3;

export interface StreamReplays {
  /** Asks the relay to send the stream again from its start (once until it is opened again). */
  ask(streamId: string): void;
  /** The stream was opened (again): a later gap may ask for a replay once more. */
  opened(streamId: string): void;
}

/**
 * The replay requests of one relay Port. A message of a stream the background has no state
 * for (a worker restarted, a lost chunk) is answered with `stream-replay`: the relay keeps each
 * stream until it is confirmed stored, and the store's merge makes the replay harmless.
 */
export function createStreamReplays(deps: { log(entry: CaptureLog): void; post(message: BackgroundToRelayMessage): void }): StreamReplays {
  const replayAsked = new Set<string>();
  const replayCounts = new Map<string, number>();
  return {
    ask(streamId) {
      if (replayAsked.has(streamId)) return;
      // A stream whose replays keep failing (a relay that keeps sending what the background
      // refuses) must not loop forever: after a few tries it is given up, with a reason.
      const tries = (replayCounts.get(streamId) ?? 0) + 1;
      replayCounts.set(streamId, tries);
      if (tries > MAX_REPLAYS_PER_STREAM) {
        if (tries === MAX_REPLAYS_PER_STREAM + 1) {
          deps.log({ streamId, type: 'replay', message: `gave up after ${MAX_REPLAYS_PER_STREAM} replays` });
        }
        return;
      }
      replayAsked.add(streamId);
      deps.log({ streamId, type: 'replay', message: 'stream state missing, asked the relay to replay it' });
      deps.post({ type: 'stream-replay', streamId });
    },
    opened(streamId) {
      replayAsked.delete(streamId);
    },
  };
}
