/** Chrome stops an idle extension worker after 30 s; any extension API call resets that clock. */
export const KEEP_ALIVE_MS = 20_000;

/**
 * Runs `work` while calling `ping` (a cheap extension API call) every `KEEP_ALIVE_MS`, so a long
 * fetch (a large video for its offline copy) is not cut by the worker being stopped as idle;
 * a fetch in flight does not count as activity. Harmless where workers are not stopped.
 */
export async function whileKeptAlive<T>(
  work: () => Promise<T>,
  ping: () => Promise<unknown>,
  timers: { setInterval(run: () => void, ms: number): unknown; clearInterval(handle: unknown): void } = {
    setInterval: (run, ms) => globalThis.setInterval(run, ms),
    clearInterval: (handle) => globalThis.clearInterval(handle as ReturnType<typeof setInterval>),
  },
): Promise<T> {
  const handle = timers.setInterval(() => void ping().catch(() => {}), KEEP_ALIVE_MS);
  try {
    return await work();
  } finally {
    timers.clearInterval(handle);
  }
}
