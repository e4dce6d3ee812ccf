import { existsSync, readdirSync, readFileSync } from 'node:fs';

/**
 * Whether a process of the process group `pgid` still runs. Killed members stay zombies until
 * init reaps them (about a second in our container), so on Linux /proc is read to skip those;
 * elsewhere any member counts.
 */
export function processGroupRunning(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
  } catch {
    return false;
  }
  if (!existsSync('/proc/self/stat')) return true;
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .some((pid) => {
      try {
        // The fields after `(comm)` are state, ppid, pgrp…; comm itself may hold spaces and parens.
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return Number(pgrp) === pgid && state !== 'Z';
      } catch {
        return false; // it ended between readdir and read
      }
    });
}
