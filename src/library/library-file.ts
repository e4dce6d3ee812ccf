import type { VideoEntry } from '../store/video-entry';
import { parseVideoEntry } from '../store/parse-entry';
import { scrubEntryUrls } from '../store/scrub-url';
import { t } from '../i18n/t';

/** Names the file format, so an unrelated JSON file is refused with a clear message. */
export const LIBRARY_FORMAT = 'video-keeper-library';
export const LIBRARY_FORMAT_VERSION = 1;

/** The whole library as a JSON text: every entry, every field, as stored (page and endpoint URLs scrubbed again). */
export function exportLibrary(entries: readonly VideoEntry[], exportedAt: number): string {
  return JSON.stringify({ format: LIBRARY_FORMAT, version: LIBRARY_FORMAT_VERSION, exportedAt, entries: entries.map(scrubEntryUrls) }, null, 2);
}

/** What an import file holds: the valid entries, and why the others were skipped. */
export type ParsedLibrary =
  | { ok: true; entries: VideoEntry[]; skipped: Array<{ index: number; error: string }> }
  | { ok: false; error: string };

/** Reads a file written by `exportLibrary`; each entry is checked like any untrusted input. */
export function parseLibraryFile(text: string): ParsedLibrary {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: t('libraryFileNotJson', error instanceof Error ? error.message : String(error)) };
  }
  if (typeof value !== 'object' || value === null || (value as { format?: unknown }).format !== LIBRARY_FORMAT) {
    return { ok: false, error: t('libraryFileForeign') };
  }
  const { version, entries } = value as { version?: unknown; entries?: unknown };
  if (typeof version !== 'number' || version > LIBRARY_FORMAT_VERSION) {
    return { ok: false, error: t('libraryFileNewer') };
  }
  if (!Array.isArray(entries)) return { ok: false, error: t('libraryFileNoEntries') };
  const parsed: VideoEntry[] = [];
  const skipped: Array<{ index: number; error: string }> = [];
  entries.forEach((item: unknown, index) => {
    const result = parseVideoEntry(item);
    if (result.ok) parsed.push(result.entry);
    else skipped.push({ index, error: result.error });
  });
  return { ok: true, entries: parsed, skipped };
}
