import type { VideoEntry } from './video-entry';

/**
 * Whether a merged entry says nothing the stored one does not: the same fields with the same
 * values, `updatedAt` aside. A page polling an unchanged library merges every item again; such
 * a merge is not written (no IndexedDB put, no "entries changed" for the gallery).
 */
export function sameEntry(merged: VideoEntry, stored: VideoEntry): boolean {
  const a = merged as unknown as Record<string, unknown>;
  const b = stored as unknown as Record<string, unknown>;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) {
    if (key === 'updatedAt') continue;
    if (!(key in b) || !sameValue(a[key], b[key])) return false;
  }
  return true;
}

function sameValue(left: unknown, right: unknown): boolean {
  if (left === right) return true;
  if (!Array.isArray(left) || !Array.isArray(right) || left.length !== right.length) return false;
  return left.every((item, index) => item === right[index]);
}
