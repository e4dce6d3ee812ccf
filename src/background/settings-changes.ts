import { parseSettings } from '../settings/settings';

/** Whether a `storage.onChanged` change of the settings switched "keep offline copies" on (then the library is copied, newest first). */
export function keepOfflineSwitchedOn(change: { oldValue?: unknown; newValue?: unknown } | undefined): boolean {
  return change !== undefined && parseSettings(change.newValue).keepOffline && !parseSettings(change.oldValue).keepOffline;
}
