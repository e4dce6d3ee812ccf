import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Polls `probe` every 100 ms until it returns a value; after `timeoutMs` throws what
 * `timeoutError` makes of `message()` (each harness throws its own typed error).
 */
export async function pollFor<T>(
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  message: () => string,
  timeoutError: (text: string) => Error,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw timeoutError(message());
    await sleep(100);
  }
}

/** Resolves to the promise's value, or `false` when it has not settled within `ms`. */
export async function settlesWithin<T>(promise: Promise<T>, ms: number): Promise<T | false> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolveTimeout) => {
    timer = setTimeout(() => resolveTimeout(false), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Kills a browser's whole process group (it was spawned detached, as its group leader). */
export function killGroup(child: ChildProcess | null): void {
  if (child?.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // ESRCH: the whole group is already gone.
  }
}
