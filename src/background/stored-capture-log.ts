import { createCaptureJournal, parseJournalRecords, type CaptureJournal, type JournalRecord } from '../capture-log/capture-journal';
import type { StorageSlot } from './storage-slot';

/** `storage.session` key of the capture log: it outlives a stopped worker, not the browser. */
export const CAPTURE_LOG_KEY = 'captureLog';
/** A change is saved this long after it, with whatever else changed meanwhile. */
const SAVE_DELAY_MS = 1000;

/**
 * The capture log (src/capture-log/capture-journal.ts) kept in memory, restored from `slot` at
 * start and saved to it a second after it changes (one write per burst of responses).
 */
export function createStoredCaptureLog(
  slot: StorageSlot<JournalRecord[]>,
  schedule: (run: () => void, ms: number) => unknown = setTimeout,
): CaptureJournal {
  let saving = false;
  const journal = createCaptureJournal({
    onChange(records) {
      if (saving) return;
      saving = true;
      schedule(() => {
        saving = false;
        void slot.save(records).catch(() => {});
      }, SAVE_DELAY_MS);
    },
  });
  void slot
    .load()
    .then((stored) => journal.restore(parseJournalRecords(stored)))
    .catch(() => {});
  return journal;
}
