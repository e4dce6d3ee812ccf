import { parseSettings } from '../settings/settings';

/**
 * What a change of the stored settings asks of the offline keeper: a catch-up when copies were
 * switched on (every site, or the video apps), one that tries again what did not fit when the
 * space was raised; nothing otherwise.
 */
export function offlineCatchUpFor(oldValue: unknown, newValue: unknown): { roomGrew: boolean } | undefined {
  const before = parseSettings(oldValue);
  const after = parseSettings(newValue);
  if (!after.keepOffline && !after.keepAppCopies) return undefined;
  if (after.offlineCapMb > before.offlineCapMb) return { roomGrew: true };
  const switchedOn = (after.keepOffline && !before.keepOffline) || (after.keepAppCopies && !before.keepAppCopies);
  return switchedOn ? { roomGrew: false } : undefined;
}
