/** The part of `storage.session` used: in memory, emptied when the browser or the extension restarts. */
export interface SessionStorageArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

const SESSION_KEY = 'sessionStartedAt';
/** `storage.session` key of when this session's first sweep was done (extension pages may wait for it). */
export const SESSION_SWEPT_KEY = 'sessionSweptAt';

/**
 * When this browser session (or this extension's life since it was installed, updated or
 * reloaded) started, while its first sweep is still to do; undefined once a worker of the session
 * has done it. `storage.session` outlives the worker but not the browser, so the first call of a
 * session finds no mark and leaves one; a worker stopped before its sweep was done leaves it to
 * the next. Undefined when `storage.session` is unavailable: stale entries then wait for the usual delay.
 */
export async function sessionSweepDue(area: SessionStorageArea | undefined, now: number): Promise<number | undefined> {
  if (!area) return undefined;
  try {
    if (typeof (await area.get(SESSION_SWEPT_KEY))[SESSION_SWEPT_KEY] === 'number') return undefined;
    const { [SESSION_KEY]: startedAt } = await area.get(SESSION_KEY);
    if (typeof startedAt === 'number') return startedAt;
    await area.set({ [SESSION_KEY]: now });
    return now;
  } catch {
    return undefined;
  }
}

/** Notes that this session's first sweep is done. */
export async function markSessionSwept(area: SessionStorageArea, now: number): Promise<void> {
  await area.set({ [SESSION_SWEPT_KEY]: now }).catch(() => {});
}
