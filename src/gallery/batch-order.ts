import type { VideoEntry } from '../store/video-entry';

/**
 * The selected ids to download, in the order shown, so the files land in the order the user sees
 * them; then the selected ids no longer in the library read (`known` says which are).
 */
export function downloadOrder(visible: readonly VideoEntry[], selected: ReadonlySet<string>, known: (id: string) => boolean): string[] {
  return visible
    .map((entry) => entry.id)
    .filter((id) => selected.has(id))
    .concat([...selected].filter((id) => !known(id)));
}

/** The selected entries to put in a ZIP: in the order shown, then any selected entry a filter hides now. */
export function zipOrder(
  visible: readonly VideoEntry[],
  selected: ReadonlySet<string>,
  byId: (id: string) => VideoEntry | undefined,
): VideoEntry[] {
  const shown = visible.filter((entry) => selected.has(entry.id));
  const hidden = [...selected].filter((id) => !shown.some((entry) => entry.id === id)).flatMap((id) => byId(id) ?? []);
  return [...shown, ...hidden];
}
