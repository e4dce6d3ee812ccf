import type { SiteTask } from '../sites/extractors';
import { siteTaskUpdates } from '../sites/site-task-updates';
import type { EntryUpdate } from '../store/merge-entry';
import type { SessionSource } from './capture-session';

/** The tasks a site response reported, as entry updates waiting to be taken, with what the log counts. */
export interface SiteTaskKeeper {
  /** Passed on as is (src/background/read-site-message.ts), so a property rather than a method. */
  readonly keep: (found: readonly SiteTask[], byGenericReader: boolean) => void;
  /** The updates kept since the last call. */
  take(): EntryUpdate[];
  /** Ids of the entries the tasks touched. */
  readonly entryIds: ReadonlySet<string>;
  /** Ids of the tasks found. */
  readonly tasks: ReadonlySet<string>;
  /** Ids of the tasks the generic task reader found. */
  readonly generic: ReadonlySet<string>;
}

/** Keeps the tasks `extractor` read of one response of `source` (src/sites/site-task-updates.ts). */
export function createSiteTaskKeeper(extractor: string, source: SessionSource): SiteTaskKeeper {
  const entryIds = new Set<string>();
  const tasks = new Set<string>();
  const generic = new Set<string>();
  let pending: EntryUpdate[] = [];
  return {
    entryIds,
    tasks,
    generic,
    keep(found, byGenericReader) {
      for (const task of found) {
        tasks.add(task.taskId);
        if (byGenericReader) generic.add(task.taskId);
        const updates = siteTaskUpdates(task, {
          extractor,
          site: source.site,
          pageUrl: source.pageUrl,
          endpointUrl: source.endpointUrl,
          ...(byGenericReader ? { generic: true } : {}),
        });
        for (const update of updates) entryIds.add(update.id);
        pending.push(...updates);
      }
    },
    take() {
      const updates = pending;
      pending = [];
      return updates;
    },
  };
}
