import { existsSync, readFileSync, readdirSync } from 'node:fs';

/**
 * CPU time (ms, on-CPU, all cores) of one Chromium launch's threads, split by what they do for
 * the bench. Read from `/proc/<pid>/task/<tid>/schedstat` (ns, scheduler-exact; `stat`'s
 * utime/stime have 10 ms ticks, too coarse for one 100 ms read).
 */
export interface BrowserCpu {
  /** Main threads of the tabs' renderers (not the extension's): where page scripts, content scripts and the relay run. */
  pageMain: number;
  /** The extension's service worker thread(s): the background's pipeline. */
  serviceWorker: number;
  /** Every thread of every process of the launch (browser, GPU, network, renderers, extension). */
  total: number;
}

/** Sums the launch's threads now (Linux only; NaN everywhere elsewhere). */
export function browserCpu(processGroup: number): BrowserCpu {
  const cpu: BrowserCpu = { pageMain: 0, serviceWorker: 0, total: 0 };
  if (!existsSync('/proc/self/task')) return { pageMain: Number.NaN, serviceWorker: Number.NaN, total: Number.NaN };
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]) !== processGroup) continue;
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const pageRenderer = cmdline.includes('--type=renderer') && !cmdline.includes('--extension-process');
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const onCpu = Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
        if (!Number.isFinite(onCpu)) continue;
        cpu.total += onCpu;
        if (pageRenderer && tid === pid) cpu.pageMain += onCpu;
        // Chromium names the thread "ServiceWorker thread"; comm keeps 15 characters.
        else if (readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').startsWith('ServiceWorker')) cpu.serviceWorker += onCpu;
      }
    } catch {
      // the process or thread ended while we looked
    }
  }
  return cpu;
}

/** after − before, per field. */
export function cpuSince(before: BrowserCpu, after: BrowserCpu): BrowserCpu {
  return {
    pageMain: after.pageMain - before.pageMain,
    serviceWorker: after.serviceWorker - before.serviceWorker,
    total: after.total - before.total,
  };
}
