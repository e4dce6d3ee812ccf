import type { VideoEntry } from '../store/video-entry';
import type { GalleryControls } from './gallery-controls';
import type { UndoToast } from './undo-toast';
import { t } from '../i18n/t';

type Result<T> = ({ ok: true } & T) | { ok: false; error: string };

/** The background's delete and restore requests, as the gallery page sends them. */
export interface EntryDeletion {
  deleteEntries(ids: string[]): Promise<Result<{ removed: VideoEntry[] }>>;
  restoreEntries(entries: VideoEntry[]): Promise<Result<{ restored: number }>>;
}

export interface DeleteWithUndoDeps extends EntryDeletion {
  controls: GalleryControls;
  toast: UndoToast;
  /** The store removed `removed` of the entries `ids`: the page drops them and redraws. */
  onDeleted(ids: string[], removed: VideoEntry[]): void;
  /** The removed entries are back in the store: the page reads the library again. */
  onRestored(): void;
}

/**
 * Deletes entries through the background, then offers to undo for as long as the toast shows:
 * Undo stores the removed entries again. A refusal of either is said in the toast.
 */
export function deleteWithUndo(deps: DeleteWithUndoDeps): (ids: string[]) => Promise<void> {
  const { toast } = deps;
  return async (ids) => {
    if (ids.length === 0) return;
    const result = await deps.deleteEntries(ids);
    if (!result.ok) {
      toast.show(result.error);
      return;
    }
    deps.onDeleted(ids, result.removed);
    const undo = deps.controls.button('undo', t('undo'));
    undo.addEventListener('click', () => {
      toast.hide();
      void deps.restoreEntries(result.removed).then((restored) => {
        if (!restored.ok) toast.show(restored.error);
        else deps.onRestored();
      });
    });
    const n = result.removed.length;
    toast.show(n === 1 ? t('deletedOne') : t('deletedCount', n), undo);
  };
}
