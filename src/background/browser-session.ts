/** The part of `storage.session` used: in memory, emptied when the browser or the extension restarts. */
export interface SessionStorageArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

const SESSION_KEY = 'sessionStartedAt';

/**
 * Whether this worker is the first of a browser session (or of this extension's life since it
 * was installed, updated or reloaded), as opposed to a worker Chrome restarted after stopping an
 * idle one. `storage.session` outlives the worker but not the browser, so the first call of a
 * session finds no mark and leaves one. When `storage.session` is unavailable it answers false:
 * stale entries then wait for the usual delay.
 */
export async function isNewBrowserSession(area: SessionStorageArea | undefined, now: number): Promise<boolean> {
  if (!area) return false;
  try {
    const { [SESSION_KEY]: startedAt } = await area.get(SESSION_KEY);
    if (typeof startedAt === 'number') return false;
    await area.set({ [SESSION_KEY]: now });
    return true;
  } catch {
    return false;
  }
}
