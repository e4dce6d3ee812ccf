/**
 * What a stored entry's values may be. Anything outside is a misreading or a hostile file: a
 * date of `1e300` passes `Number.isFinite` but makes `Date#toISOString` throw.
 */
export const ENTRY_BOUNDS = {
  /** Dates (`createdAt`, `updatedAt`, `expiresAt`), epoch ms: from the epoch to the end of `linkExpiry`'s window. */
  earliestDate: 0,
  latestDate: Date.UTC(2200, 0, 1),
  /** Pixel width or height. */
  maxPixels: 100_000,
  /** Length of a video: a day. */
  maxDurationMs: 86_400_000,
  /** Position of a video in its answer. */
  maxIndex: 10_000,
  /** Progress marks of one answer. */
  maxProgress: 1_000_000,
  /** Characters of the texts, by field; ids hold a URL's key. */
  maxChars: { id: 8192, videoKey: 8192, prompt: 100_000, taskId: 1000, model: 1000, failureMessage: 2000 },
} as const;

/** Whether `value` is an epoch-ms date inside the window entries may hold. */
export function isEntryDate(value: number): boolean {
  return Number.isFinite(value) && value >= ENTRY_BOUNDS.earliestDate && value < ENTRY_BOUNDS.latestDate;
}
