import { SITE_EXTRACTORS } from '../sites/extractors';
import { RULE_PACKS_KEY } from '../sites/rules/rule-pack-store';
import { RULE_PACK_ALARM, RULE_PACK_CHECK_MINUTES } from '../sites/rules/rule-pack-subscription';
import type { BackgroundApis } from './background-apis';
import { log, logFailure } from './log';
import { createSiteRulePacks, type SiteRulePacks } from './site-rule-packs';
import { storageSlot } from './storage-slot';

/**
 * Site rule packs (options → Site rules): the built-in extractors with the packs laid over them,
 * read again when the options page changes them or a host is granted or revoked (an app a pack
 * adds captures once its hosts are granted), and their subscriptions checked by an alarm.
 */
export function wireRulePacks(
  apis: Pick<BackgroundApis, 'storage' | 'alarms' | 'scripting' | 'permissions'>,
  deps: { fetch: (url: string, init: RequestInit) => Promise<Response>; now: () => number },
): { packs: SiteRulePacks; alarms: Record<string, () => void> } {
  const { alarms } = apis;
  const packs = createSiteRulePacks({
    builtIns: SITE_EXTRACTORS,
    storage: storageSlot(apis.storage.local, RULE_PACKS_KEY),
    scripting: apis.scripting,
    permissions: apis.permissions,
    fetch: deps.fetch,
    now: deps.now,
    log,
    scheduleChecks: (on) =>
      void alarms.get(RULE_PACK_ALARM).then((alarm) => {
        if (on && !alarm) void alarms.create(RULE_PACK_ALARM, { delayInMinutes: 1, periodInMinutes: RULE_PACK_CHECK_MINUTES });
        if (!on && alarm) void alarms.clear(RULE_PACK_ALARM);
      }),
  });
  const reload = (): void => void packs.reload().catch(logFailure('could not load the site rule packs'));
  apis.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && changes[RULE_PACKS_KEY]) reload();
  });
  apis.permissions.onAdded.addListener(reload);
  apis.permissions.onRemoved.addListener(reload);
  reload();
  return {
    packs,
    alarms: { [RULE_PACK_ALARM]: () => void packs.updateSubscriptions().catch(logFailure('rule pack update failed')) },
  };
}
