import type { SiteExtractor } from '../sites/extractors/site-extractor';
import { extractorsWithPacks } from '../sites/rules/rule-pack';
import { syncPackScripts } from '../sites/rules/rule-pack-scripts';
import { loadStoredPacks, parseStoredPacks, type StoredRulePack } from '../sites/rules/rule-pack-store';
import { updateDueSubscriptions } from '../sites/rules/rule-pack-subscription';
import type { PermissionsApi, ScriptingApi } from '../sites/site-access';

export interface SiteRulePacks {
  /** The extractors the capture tries now: the built-ins with the packs' overrides, then the apps packs add. */
  extractors(): readonly SiteExtractor[];
  /** Reads the stored packs again (at start, and when the options page changed them); registers the added apps' scripts. */
  reload(): Promise<void>;
  /** Fetches the subscriptions that are due (the daily alarm) and stores what changed. */
  updateSubscriptions(): Promise<void>;
}

/**
 * The rule packs, as the background uses them: loaded from `storage.local`, compiled against the
 * built-in extractors, and swapped in whole, so a capture that opens during a reload uses either
 * the old set or the new one. A stored pack that no longer reads is left out and logged.
 */
export function createSiteRulePacks(deps: {
  builtIns: readonly SiteExtractor[];
  storage: { load(): Promise<unknown>; save(packs: StoredRulePack[]): Promise<void> };
  scripting: ScriptingApi;
  permissions: Pick<PermissionsApi, 'contains'>;
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  now: () => number;
  log: (message: string) => void;
  /** Keeps the hourly subscription check scheduled while there is a subscription, and only then. */
  scheduleChecks: (on: boolean) => void;
}): SiteRulePacks {
  let current: readonly SiteExtractor[] = deps.builtIns;
  return {
    extractors: () => current,
    async reload() {
      const stored = parseStoredPacks(await deps.storage.load());
      deps.scheduleChecks(stored.some((pack) => pack.url !== undefined));
      const loaded = loadStoredPacks(stored, deps.builtIns);
      for (const pack of loaded) if (pack.error) deps.log(`rule pack ${pack.stored.name} ${pack.stored.version} is not used: ${pack.error.type} ${pack.error.detail}`);
      current = extractorsWithPacks(deps.builtIns, loaded.map((pack) => pack.apps));
      await syncPackScripts(
        loaded.flatMap((pack) => pack.apps),
        deps,
      );
    },
    async updateSubscriptions() {
      const stored = parseStoredPacks(await deps.storage.load());
      if (!stored.some((pack) => pack.url)) return;
      const updated = await updateDueSubscriptions(stored, { fetch: deps.fetch, now: deps.now(), builtIns: deps.builtIns });
      // Saving fires storage.onChanged, which reloads.
      await deps.storage.save(updated);
    },
  };
}
