import type { VideoEntry } from '../store/video-entry';
import type { EntryMedia } from './entry-media';
import { renderEmptyState } from './empty-state';
import { isolatedEntry } from './isolated-entry';
import { previewUrl } from './render-entry';

export interface DrawEntryListOptions {
  /** The library holds nothing: the list says how to capture instead. */
  libraryEmpty: boolean;
  now: number;
  mediaOf(id: string): EntryMedia | undefined;
  renderRow(entry: VideoEntry): HTMLLIElement;
}

/**
 * Draws `entries` into `list` in place of its rows, keeping what the user was doing: the focus
 * stays on the same entry, and a video the user started keeps playing.
 */
export function drawEntryList(list: HTMLElement, entries: readonly VideoEntry[], options: DrawEntryListOptions): void {
  const doc = list.ownerDocument;
  const active = doc.activeElement as HTMLElement | null;
  const focusedId = active?.closest<HTMLElement>('li.entry')?.dataset.entryId;
  const players = playersById(list);
  if (options.libraryEmpty) {
    list.replaceChildren(renderEmptyState(doc));
  } else {
    list.replaceChildren(
      ...entries.map((entry) =>
        isolatedEntry(doc, entry, () =>
          keepPlayer(options.renderRow(entry), players.get(entry.id), () => previewUrl(entry, options.mediaOf(entry.id), options.now)),
        ),
      ),
    );
  }
  // A player moved into the new rows still holds focus; else the entry that had it gets it.
  if (active && list.contains(active)) active.focus();
  else if (focusedId !== undefined) rowsOf(list).find((row) => row.dataset.entryId === focusedId)?.focus();
}

function rowsOf(list: HTMLElement): HTMLElement[] {
  return Array.from(list.querySelectorAll<HTMLElement>('li.entry'));
}

function playersById(list: HTMLElement): Map<string, HTMLVideoElement> {
  const players = new Map<string, HTMLVideoElement>();
  for (const row of rowsOf(list)) {
    const player = row.querySelector<HTMLVideoElement>('video.entry-player');
    if (player && row.dataset.entryId !== undefined) players.set(row.dataset.entryId, player);
  }
  return players;
}

// A video the user started keeps playing through redraws (a capture in another tab, the
// minute tick, an offline copy arriving): the player element moves into the new row if it still
// plays what the row would preview (`src`). Moved within one task, it never leaves the document
// long enough to be paused.
function keepPlayer(row: HTMLLIElement, player: HTMLVideoElement | undefined, src: () => string | undefined): HTMLLIElement {
  const play = row.querySelector('.entry-preview');
  if (player && play && player.getAttribute('src') === src()) play.replaceWith(player);
  return row;
}
