/** What the badge needs; the background supplies IndexedDB, `storage.local` and `action`. */
export interface NewVideosBadgeDeps {
  /** Entries created after `time`. */
  countSince(time: number): Promise<number>;
  loadSeenAt(): Promise<number | undefined>;
  saveSeenAt(time: number): Promise<void>;
  setBadge(text: string): Promise<void>;
  now(): number;
}

/** `storage.local` key of the time the popup was last opened. */
export const SEEN_AT_KEY = 'popupSeenAt';

/** What the badge says for a count: nothing for 0, `99+` past 99 (it holds about four characters). */
export function badgeText(count: number): string {
  if (count <= 0) return '';
  return count > 99 ? '99+' : String(count);
}

/**
 * The action badge: how many videos were captured since the popup was last opened. Counted
 * from the library (an index range), so it survives worker restarts without a counter to keep.
 */
export function createNewVideosBadge(deps: NewVideosBadgeDeps): { refresh(): Promise<void>; markSeen(): Promise<void> } {
  let latest = 0;
  return {
    async refresh() {
      const ticket = ++latest;
      let seenAt = await deps.loadSeenAt();
      if (seenAt === undefined) {
        // A new install starts at zero rather than counting a library imported or kept from before.
        seenAt = deps.now();
        await deps.saveSeenAt(seenAt);
      }
      const count = await deps.countSince(seenAt);
      // Overlapping refreshes: only the newest one writes the badge.
      if (ticket === latest) await deps.setBadge(badgeText(count));
    },
    async markSeen() {
      ++latest;
      await deps.saveSeenAt(deps.now());
      await deps.setBadge('');
    },
  };
}
