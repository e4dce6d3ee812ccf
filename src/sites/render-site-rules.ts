import { t, uiLocale } from '../i18n/t';
import type { SiteExtractor } from './extractors/site-extractor';
import { packRuleName, readRulePack, type PackApp } from './rules/rule-pack';
import { packAppMatches } from './rules/rule-pack-scripts';
import { loadStoredPacks, withPack, type StoredRulePack } from './rules/rule-pack-store';
import { subscriptionPermission, subscriptionUrl, updateSubscription } from './rules/rule-pack-subscription';
import { MAX_PACK_BYTES, type RuleError } from './rules/rule-schema';

export interface SiteRulesDeps {
  load(): Promise<StoredRulePack[]>;
  save(packs: StoredRulePack[]): Promise<void>;
  builtIns: readonly SiteExtractor[];
  /** Asks for optional host permissions (a subscription's origin, an added app's hosts); must run in the click. */
  request(origins: string[]): Promise<boolean>;
  contains(origins: string[]): Promise<boolean>;
  fetch(url: string, init: RequestInit): Promise<Response>;
  now(): number;
}

type Tone = 'ok' | 'error';

/**
 * Options → Site rules: import a rule pack from a file, or subscribe to one by https URL (its
 * origin's permission is asked for in the click), see each pack with what it adds or overrides
 * and when it was last updated, allow capture on the hosts of an app a pack adds, remove a pack.
 * A refused pack changes nothing, and the status line says why. Text only, never HTML.
 */
export async function renderSiteRules(container: HTMLElement, deps: SiteRulesDeps): Promise<void> {
  const doc = container.ownerDocument;
  const status = doc.createElement('p');
  status.className = 'site-rules-status';
  status.setAttribute('role', 'status');
  const say = (text: string, tone: Tone): void => {
    status.textContent = text;
    status.dataset.tone = tone;
  };

  const importLabel = doc.createElement('label');
  importLabel.textContent = `${t('siteRulesImport')} `;
  const fileInput = doc.createElement('input');
  fileInput.type = 'file';
  fileInput.accept = 'application/json,.json';
  fileInput.id = 'site-rules-file';
  importLabel.append(fileInput);

  const urlInput = doc.createElement('input');
  urlInput.type = 'url';
  urlInput.id = 'site-rules-url';
  urlInput.placeholder = 'https://';
  urlInput.setAttribute('aria-label', t('siteRulesUrlLabel'));
  const subscribe = doc.createElement('button');
  subscribe.type = 'button';
  subscribe.id = 'site-rules-subscribe';
  subscribe.textContent = t('siteRulesSubscribe');
  const subscribeRow = doc.createElement('div');
  subscribeRow.className = 'site-rules-subscribe';
  subscribeRow.append(urlInput, subscribe);

  const list = doc.createElement('ul');
  list.className = 'site-rule-packs';

  const refresh = async (): Promise<void> => {
    const stored = await deps.load();
    const loaded = loadStoredPacks(stored, deps.builtIns);
    const items = await Promise.all(loaded.map(async ({ stored: pack, apps, error }) => packItem(doc, pack, apps, error, deps, { refresh, say, remove })));
    if (items.length === 0) {
      const none = doc.createElement('li');
      none.className = 'hint';
      none.textContent = t('siteRulesNone');
      items.push(none);
    }
    list.replaceChildren(...items);
  };
  const remove = async (pack: StoredRulePack): Promise<void> => {
    await deps.save((await deps.load()).filter((item) => item !== pack && !(item.name === pack.name && item.url === pack.url)));
    say(t('siteRulesRemoved', pack.name), 'ok');
    await refresh();
  };

  fileInput.addEventListener('change', () => {
    const file = fileInput.files?.[0];
    fileInput.value = '';
    if (!file) return;
    void (async () => {
      if (file.size > MAX_PACK_BYTES) return say(refusal({ type: 'too-large', detail: `${Math.ceil(file.size / 1024)} KiB` }), 'error');
      const text = await file.text();
      const reading = readRulePack(text, deps.builtIns);
      if (!reading.ok) return say(refusal(reading.error), 'error');
      const { name, version } = reading.pack;
      await deps.save(withPack(await deps.load(), { name, version, text, updatedAt: deps.now() }));
      say(t('siteRulesImported', name, version), 'ok');
      await refresh();
    })().catch((error: unknown) => say(t('siteRulesError', errorText(error)), 'error'));
  });

  subscribe.addEventListener('click', () => {
    const url = subscriptionUrl(urlInput.value);
    if (!url) return say(t('siteRulesNotHttps'), 'error');
    // The permission is asked for first, while the click still counts as the user's gesture.
    const asked = deps.request(subscriptionPermission(url).origins);
    void (async () => {
      if (!(await asked)) return say(t('siteRulesNoPermission', new URL(url).origin), 'error');
      subscribe.disabled = true;
      const packs = await deps.load();
      const previous = packs.find((pack) => pack.url === url);
      const result = await updateSubscription(url, previous, { fetch: (target, init) => deps.fetch(target, init), now: deps.now(), builtIns: deps.builtIns });
      if (!result.ok) {
        if (result.pack) await deps.save(packs.map((pack) => (pack === previous ? result.pack ?? pack : pack)));
        say(refusal(result.error), 'error');
      } else {
        const others = packs.filter((pack) => pack !== previous);
        await deps.save(withPack(others, result.pack));
        urlInput.value = '';
        say(t('siteRulesSubscribed', result.pack.name, result.pack.version), 'ok');
      }
      await refresh();
    })()
      .catch((error: unknown) => say(t('siteRulesError', errorText(error)), 'error'))
      .finally(() => {
        subscribe.disabled = false;
      });
  });

  container.replaceChildren(importLabel, subscribeRow, status, list);
  await refresh();
}

function packItem(
  doc: Document,
  pack: StoredRulePack,
  apps: readonly PackApp[],
  error: RuleError | undefined,
  deps: SiteRulesDeps,
  actions: { refresh(): Promise<void>; say(text: string, tone: Tone): void; remove(pack: StoredRulePack): Promise<void> },
): Promise<HTMLLIElement> {
  const item = doc.createElement('li');
  item.className = 'site-rule-pack';
  item.dataset.pack = pack.name;
  const title = doc.createElement('strong');
  title.textContent = `${pack.name} ${pack.version}`;
  const origin = doc.createElement('span');
  origin.className = 'hint';
  const updated = new Date(pack.updatedAt).toLocaleString(uiLocale());
  origin.textContent = pack.url ? t('siteRulesFromUrl', pack.url, updated) : t('siteRulesFromFile', updated);
  const removeButton = doc.createElement('button');
  removeButton.type = 'button';
  removeButton.className = 'danger';
  removeButton.textContent = t('siteRulesRemove');
  removeButton.addEventListener('click', () => void actions.remove(pack).catch((problem: unknown) => actions.say(t('siteRulesError', errorText(problem)), 'error')));
  const head = doc.createElement('div');
  head.className = 'site-rule-pack-head';
  head.append(title, ' ', origin, ' ', removeButton);
  item.append(head);

  const problem = error ?? pack.lastError;
  if (problem) {
    const line = doc.createElement('p');
    line.className = 'site-error';
    line.textContent = error ? refusal(error) : t('siteRulesUpdateFailed', refusal(problem));
    item.append(line);
  }
  const appList = doc.createElement('ul');
  return Promise.all(
    apps.map(async (app) => {
      const line = doc.createElement('li');
      line.dataset.app = app.name;
      if (app.overrides) {
        line.textContent = t('siteRulesOverrides', app.label, app.extractor.endpoints.filter((endpoint) => endpoint.rule === packRuleName(pack)).length);
        return line;
      }
      const matches = packAppMatches(app);
      line.textContent = t('siteRulesAdds', app.label, app.hosts.join(', '));
      if (!(await deps.contains(matches))) {
        const allow = doc.createElement('button');
        allow.type = 'button';
        allow.textContent = t('siteRulesAllow', app.hosts.join(', '));
        allow.addEventListener('click', () => {
          const asked = deps.request(matches);
          void asked.then(async (granted) => {
            actions.say(granted ? t('siteRulesAllowed', app.label) : t('siteRulesNoPermission', app.hosts.join(', ')), granted ? 'ok' : 'error');
            await actions.refresh();
          });
        });
        line.append(' ', allow);
      }
      return line;
    }),
  ).then((lines) => {
    appList.append(...lines);
    item.append(appList);
    return item;
  });
}

/** The sentence the options page shows for a refused pack. */
export function refusal(error: RuleError | { type: 'fetch'; detail: string }): string {
  const detail = error.detail.slice(0, 300);
  switch (error.type) {
    case 'not-json':
      return t('siteRulesNotJson', detail);
    case 'too-large':
      return t('siteRulesTooLarge', detail);
    case 'host':
      return t('siteRulesBadHost', detail);
    case 'unsafe-path':
      return t('siteRulesUnsafePath', detail);
    case 'unsafe-template':
      return t('siteRulesUnsafeTemplate', detail);
    case 'unknown-extractor':
      return t('siteRulesUnknownExtractor', detail);
    case 'fetch':
      return t('siteRulesFetchFailed', detail);
    default:
      return t('siteRulesBadSchema', detail);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
