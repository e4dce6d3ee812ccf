import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Calls `sample` every `intervalMs` until `work` settles, and once more after: the memory while
 * something streams. Returns the work's result and every sample, in order.
 */
export async function sampleWhile<T, S>(
  work: Promise<T>,
  sample: () => Promise<S>,
  intervalMs: number,
): Promise<{ result: T; samples: S[] }> {
  const samples: S[] = [];
  let settled = false;
  const done = work.finally(() => {
    settled = true;
  });
  while (!settled) {
    samples.push(await sample());
    await Promise.race([sleep(intervalMs), done.catch(() => undefined)]);
  }
  samples.push(await sample());
  return { result: await done, samples };
}
