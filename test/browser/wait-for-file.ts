import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Options of {@link waitForFile}. */
export interface WaitForFileOptions {
  /** Default 15 000. */
  timeoutMs?: number;
  /** Default 100. */
  intervalMs?: number;
}

/** A finished file found by {@link waitForFile}. */
export interface FoundFile {
  name: string;
  path: string;
  size: number;
}

/**
 * Waits until `dir` holds a complete file named `name` (or matching it), and returns it.
 * Complete means the browser is done with it: no partial (Chromium's `.crdownload`, Firefox's
 * `.part`) is left in the folder and the size held still between two looks.
 */
export async function waitForFile(
  dir: string,
  name: string | RegExp,
  { timeoutMs = 15_000, intervalMs = 100 }: WaitForFileOptions = {},
): Promise<FoundFile> {
  const matches = typeof name === 'string' ? (entry: string) => entry === name : (entry: string) => name.test(entry);
  const deadline = Date.now() + timeoutMs;
  let candidate: FoundFile | undefined;
  let seen: string[] = [];
  for (;;) {
    seen = await readdir(dir).catch(() => []);
    // Chromium writes `<name>.crdownload` (or `Unconfirmed <n>.crdownload` before the name is
    // settled) and renames it at the end, so any partial means a download is still running.
    // Firefox writes `<name>.part` next to an empty placeholder under the final name.
    const downloading = seen.some(isPartial);
    const match = seen.find((entry) => matches(entry) && !isPartial(entry));
    if (match && !downloading) {
      const path = join(dir, match);
      const size = await stat(path).then(
        (info) => (info.isFile() ? info.size : undefined),
        () => undefined,
      );
      if (size !== undefined) {
        if (candidate?.path === path && candidate.size === size) return candidate;
        candidate = { name: match, path, size };
      }
    } else {
      candidate = undefined;
    }
    if (Date.now() > deadline) {
      const listing = seen.length ? seen.join(', ') : 'nothing';
      throw new Error(`No complete file ${String(name)} in ${dir} after ${timeoutMs} ms; it holds: ${listing}`);
    }
    await sleep(intervalMs);
  }
}

function isPartial(entry: string): boolean {
  return entry.endsWith('.crdownload') || entry.endsWith('.part');
}
