import type { VideoEntry } from '../store/video-entry';
import { t } from '../i18n/t';

/**
 * Draws one entry's row with `draw`; when that throws (a stored value no check foresaw), a row
 * that says the entry cannot be shown instead, so one entry never blanks the popup or the
 * gallery, and the user can still select and delete it.
 */
export function isolatedEntry(doc: Document, entry: Pick<VideoEntry, 'id' | 'status'>, draw: () => HTMLLIElement): HTMLLIElement {
  try {
    return draw();
  } catch (error) {
    console.warn(`Video Keeper: entry ${entry.id.slice(0, 200)} could not be drawn`, error);
    const item = doc.createElement('li');
    item.className = 'entry is-unreadable';
    item.dataset.entryId = entry.id;
    item.dataset.status = entry.status;
    const text = doc.createElement('p');
    text.className = 'entry-status';
    text.textContent = t('entryUnreadable', error instanceof Error ? error.message : String(error));
    item.append(text);
    return item;
  }
}
