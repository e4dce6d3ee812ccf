import type { BackgroundRequests } from '../protocol/messages';
import type { LibraryWrites } from './library-writes';
import { parseVideoEntry } from '../store/parse-entry';
import { t } from '../i18n/t';

type Handler<T extends keyof BackgroundRequests> = (
  request: BackgroundRequests[T]['request'],
) => Promise<BackgroundRequests[T]['response']>;

/** The background's answers to the library requests: delete (with undo), restore/import, clear. */
export function createLibraryHandlers(
  writes: LibraryWrites,
  onEntriesChanged: () => void,
  /** After a delete: the entries' offline copies are dropped later, so an undo still finds them. */
  onDeleted: () => void = () => {},
): { 'delete-entries': Handler<'delete-entries'>; 'restore-entries': Handler<'restore-entries'>; 'clear-library': Handler<'clear-library'> } {
  type FailureMessage = 'deleteFailed' | 'restoreFailed' | 'clearFailed';
  const failure = (what: FailureMessage, error: unknown) => ({
    ok: false as const,
    error: t(what, error instanceof Error ? error.message : String(error)),
  });
  return {
    async 'delete-entries'({ ids }) {
      try {
        const removed = await writes.remove(ids);
        onEntriesChanged();
        onDeleted();
        return { ok: true, removed };
      } catch (error) {
        return failure('deleteFailed', error);
      }
    },
    async 'restore-entries'({ entries }) {
      const valid = entries.map(parseVideoEntry).flatMap((result) => (result.ok ? [result.entry] : []));
      try {
        await writes.put(valid);
        onEntriesChanged();
        return { ok: true, restored: valid.length, skipped: entries.length - valid.length };
      } catch (error) {
        return failure('restoreFailed', error);
      }
    },
    async 'clear-library'() {
      try {
        const removed = await writes.clear();
        onEntriesChanged();
        return { ok: true, removed };
      } catch (error) {
        return failure('clearFailed', error);
      }
    },
  };
}
