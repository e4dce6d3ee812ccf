/** What the full gallery's keys do to the entry rows. */
export interface GalleryKeyActions {
  /** `/`: jump to the search. */
  focusSearch(): void;
  /** Space on a row: select or deselect it. */
  toggle(id: string): void;
  /** Delete on a row: delete the selection, or that row when nothing is selected. */
  remove(id: string): void;
}

/**
 * Keyboard of the full gallery: ↑/↓ (or k/j) move between the videos of `list`, Space selects,
 * Delete deletes the selection (or the focused video), `/` jumps to the search.
 */
export function listenForGalleryKeys(root: HTMLElement, list: HTMLElement, actions: GalleryKeyActions): void {
  root.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement;
    if (event.key === '/' && target.tagName !== 'INPUT') {
      event.preventDefault();
      actions.focusSearch();
      return;
    }
    const row = target.closest<HTMLElement>('li.entry');
    if (!row || target !== row) return;
    const rows = Array.from(list.querySelectorAll<HTMLElement>('li.entry'));
    const index = rows.indexOf(row);
    const id = row.dataset.entryId ?? '';
    if (event.key === 'ArrowDown' || event.key === 'j') rows[Math.min(index + 1, rows.length - 1)]?.focus();
    else if (event.key === 'ArrowUp' || event.key === 'k') rows[Math.max(index - 1, 0)]?.focus();
    else if (event.key === ' ') actions.toggle(id);
    else if (event.key === 'Delete') actions.remove(id);
    else return;
    event.preventDefault();
  });
}
