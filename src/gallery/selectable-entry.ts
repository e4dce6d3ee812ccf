import type { VideoEntry } from '../store/video-entry';
import type { EntryMedia } from './entry-media';
import { appNameOf } from './app-name';
import { renderEntry, type EntryHandlers } from './render-entry';
import { t } from '../i18n/t';

export interface SelectableEntryOptions {
  now: number;
  handlers: EntryHandlers;
  /** The entry's offline copy, if one is kept. */
  media?: EntryMedia;
  selected: boolean;
  /** The row's checkbox was ticked (`true`) or cleared. */
  onSelect(on: boolean): void;
}

/**
 * One row of the full gallery: the entry with its player, focusable (the arrow keys move between
 * rows), named for screen readers, with a checkbox that selects it.
 */
export function renderSelectableEntry(doc: Document, entry: VideoEntry, options: SelectableEntryOptions): HTMLLIElement {
  const { media } = options;
  const row = renderEntry(doc, entry, { now: options.now, handlers: options.handlers, player: true, ...(media ? { media } : {}) });
  row.tabIndex = 0;
  row.setAttribute('aria-label', t('entryLabel', entry.prompt || t('noPrompt'), appNameOf(entry).name));
  const check = doc.createElement('input');
  check.type = 'checkbox';
  check.className = 'entry-select';
  check.checked = options.selected;
  check.setAttribute('aria-label', t('selectEntry', entry.prompt || t('noPrompt')));
  check.addEventListener('change', () => options.onSelect(check.checked));
  row.prepend(check);
  row.classList.add('is-selectable');
  if (options.selected) row.classList.add('is-selected');
  return row;
}
