import type { Settings } from '../settings/settings';
import type { VideoEntry } from '../store/video-entry';
import { createAutoDownloadGate, type AutoDownloadGate } from './auto-download-gate';
import { errorText } from './write-queue';
import {
  decideDoneSignals,
  emptyDoneSignalState,
  forgetWatched,
  parseDoneSignalState,
  signalsFor,
  type DoneSignalDecision,
  type DoneSignalState,
} from './done-signals';

export interface DoneSignalServiceOptions {
  /** Where the state outlives the worker: `storage.session` in the browser. */
  state: { load(): Promise<unknown>; save(state: DoneSignalState): Promise<void> };
  /** The user's current settings (read only when something is done). */
  settings(): Promise<Pick<Settings, 'autoDownload' | 'notifyDone'>>;
  /** A stored entry, to see what became of watched ones while no worker ran. */
  getEntry(id: string): Promise<VideoEntry | undefined>;
  /** Downloads as the gallery's Download does; rejects with a reason. */
  download(entry: VideoEntry): Promise<void>;
  /** Shows the done notification; rejects with a reason. */
  notify(entry: VideoEntry): Promise<void>;
  now(): number;
  log(message: string): void;
  /** Which automatic downloads may start; default: `createAutoDownloadGate()`. */
  gate?: AutoDownloadGate;
}

export interface DoneSignalService {
  /** Entries a capture write stored under `writtenAt` (the capture service's `onEntriesChanged`). */
  stored(entries: VideoEntry[], writtenAt: number): Promise<void>;
  /** A new worker: signals watched entries that became done while none ran, forgets deleted ones. */
  resume(): Promise<void>;
}

/**
 * Downloads and/or notifies each video a capture finishes, once (see `decideDoneSignals`). Runs
 * one batch at a time, and saves that an entry was signalled before acting on it: a worker
 * stopped in between loses that one download rather than repeating it on the next replay.
 */
export function createDoneSignalService(options: DoneSignalServiceOptions): DoneSignalService {
  let state: DoneSignalState | undefined;
  let queue: Promise<void> = Promise.resolve();
  const gate = options.gate ?? createAutoDownloadGate();

  const current = async (): Promise<DoneSignalState> => {
    if (state) return state;
    try {
      state = parseDoneSignalState(await options.state.load());
    } catch (error) {
      options.log(`the done signals could not be read (${errorText(error)}); starting afresh`);
      state = emptyDoneSignalState();
    }
    return state;
  };

  const settle = async (decision: DoneSignalDecision): Promise<void> => {
    state = decision.state;
    if (decision.changed) {
      try {
        await options.state.save(decision.state);
      } catch (error) {
        options.log(`the done signals could not be saved: ${errorText(error)}`);
      }
    }
    if (decision.done.length === 0) return;
    const signals = signalsFor(decision.done, await options.settings());
    const now = options.now();
    const download = signals.download.filter((entry) => {
      const refusal = gate.refusal(entry, now);
      if (refusal) options.log(`no auto-download of ${entry.id}: ${refusal}`);
      return refusal === undefined;
    });
    const { notify } = signals;
    const act = async (what: string, run: () => Promise<void>, entry: VideoEntry): Promise<void> => {
      try {
        await run();
      } catch (error) {
        options.log(`${what} of ${entry.id} failed: ${errorText(error)}`);
      }
    };
    await Promise.all([
      ...download.map((entry) => act('auto-download', () => options.download(entry), entry)),
      ...notify.map((entry) => act('done notification', () => options.notify(entry), entry)),
    ]);
  };

  const run = (step: () => Promise<void>): Promise<void> => {
    queue = queue.then(step).catch((error: unknown) => options.log(`done signals: ${errorText(error)}`));
    return queue;
  };

  return {
    stored: (entries, writtenAt) =>
      run(async () => settle(decideDoneSignals(await current(), entries, { writtenAt, now: options.now() }))),
    resume: () =>
      run(async () => {
        const watched = (await current()).watching.map((item) => item.id);
        if (watched.length === 0) return;
        const stored = await Promise.all(watched.map((id) => options.getEntry(id)));
        const gone = new Set(watched.filter((_, index) => !stored[index]));
        const kept = forgetWatched(await current(), gone);
        const decision = decideDoneSignals(kept.state, stored.filter((entry) => entry !== undefined), { now: options.now() });
        await settle({ ...decision, changed: decision.changed || kept.changed });
      }),
  };
}
