/** The background's alarms by name; each wakes a stopped worker to run its task. */
export const ALARMS = {
  /** Ends entries left streaming (src/background/stale-sweeper.ts). */
  sweep: 'sweep-stale',
  /** Drops the offline copies of deleted entries, a minute after the delete (an undo finds them). */
  pruneOffline: 'prune-offline',
} as const;

/** Runs the task of a fired alarm; an alarm of no task is ignored. */
export function runAlarm(name: string, tasks: Readonly<Record<string, () => void>>): void {
  if (Object.hasOwn(tasks, name)) tasks[name]?.();
}
