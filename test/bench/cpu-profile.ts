import type { CDPSession } from 'playwright-core';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples?: number[];
  timeDeltas?: number[];
}

/**
 * Self time in ms per owner: a script file; a built-in or browser API with the script that called
 * it (`capture-relay.js → postMessage`); or V8's `(garbage collector)`, `(program)`, `(idle)`.
 */
export type TimeByOwner = Map<string, number>;

/**
 * Samples the renderer's main thread (V8 CPU profiler, 100 µs) while `work` runs and returns the
 * self time per script file. Built-ins and browser APIs (`postMessage`, `TextDecoder.decode`) have
 * no URL and are charged to the script that called them.
 */
export async function profileMainThread(cdp: CDPSession, work: () => Promise<unknown>): Promise<TimeByOwner> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  let profile: Profile;
  try {
    await work();
  } finally {
    profile = (await cdp.send('Profiler.stop')).profile;
    await cdp.send('Profiler.disable');
  }
  return timeByOwner(profile);
}

/** Aggregates a CPU profile's self time by owner (see profileMainThread). */
export function timeByOwner(profile: Profile): TimeByOwner {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const owner = new Map<number, string>();
  // `script` is the nearest caller with a URL; a native node is named after it and itself.
  const visit = (node: ProfileNode, script: string): void => {
    const { url, functionName } = node.callFrame;
    const own = url ? shortUrl(url) : script;
    const label = url ? own : functionName.startsWith('(') ? functionName : functionName ? `${script} → ${functionName}` : script;
    owner.set(node.id, label);
    for (const child of node.children ?? []) {
      const next = byId.get(child);
      if (next) visit(next, own);
    }
  };
  const root = profile.nodes[0];
  if (root) visit(root, '(native, no script)');
  const times: TimeByOwner = new Map();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // timeDeltas[i] is the time since sample i-1: it belongs to sample i-1.
  for (let index = 1; index < samples.length; index += 1) {
    const name = owner.get(samples[index - 1]!) ?? '(unknown)';
    times.set(name, (times.get(name) ?? 0) + deltas[index]! / 1000);
  }
  return times;
}

function shortUrl(url: string): string {
  const extension = /^chrome-extension:\/\/[a-p]{32}\/(.*)$/.exec(url);
  if (extension) return (extension[1] ?? '').replace(/^content-scripts\//, '');
  return url.replace(/^https?:\/\/[^/]+/, '');
}

/** `capture-relay.js 41.2 ms, (garbage collector) 12.0 ms, …`: the biggest owners first. */
export function formatTimeByOwner(times: TimeByOwner, skip: readonly string[] = ['(idle)', '(root)']): string {
  return [...times]
    .filter(([name, time]) => !skip.includes(name) && time >= 0.5)
    .sort((a, b) => b[1] - a[1])
    .map(([name, time]) => `${name} ${time.toFixed(1)} ms`)
    .join(', ');
}
