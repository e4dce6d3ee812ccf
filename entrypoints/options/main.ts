import { browser } from 'wxt/browser';
import { localizePage } from '../../src/i18n/t';
import { createBackgroundSender } from '../../src/gallery/background-client';
import { createLibraryReader } from '../../src/store/library-reader';
import { mountLibraryTools } from '../../src/library/render-library-tools';
import { createOfflineCopies } from '../../src/offline/offline-copies';
import { mountOfflineSettings } from '../../src/offline/render-offline-settings';
import { mountFileNameSettings } from '../../src/settings/render-file-name-settings';
import { mountSignalSettings } from '../../src/settings/render-signal-settings';
import { createSettingsStore } from '../../src/settings/settings';
import { renderSiteList } from '../../src/sites/render-site-list';
import { renderVideoApps } from '../../src/sites/render-video-apps';
import { renderSiteRules } from '../../src/sites/render-site-rules';
import { SITE_EXTRACTORS } from '../../src/sites/extractors';
import { parseStoredPacks, RULE_PACKS_KEY } from '../../src/sites/rules/rule-pack-store';
import { createVideoDbConnection } from '../../src/store/video-db';
import '../../src/gallery/theme.css';
import './style.css';

localizePage(document);
const sendToBackground = createBackgroundSender((message) => browser.runtime.sendMessage(message));
const database = createVideoDbConnection();
const reader = createLibraryReader(database);
const offlineCopies = createOfflineCopies(database);
// Models serve their files from hosts nobody can list in advance (CDNs, signed buckets).
const ANY_SITE = { origins: ['*://*/*'] };

function section(selector: string): HTMLElement {
  const found = document.querySelector<HTMLElement>(selector);
  if (!found) throw new Error(`options/index.html has no ${selector} element`);
  return found;
}

const settings = createSettingsStore(browser.storage.local);

void mountFileNameSettings(section('#file-names'), { ...settings, samples: () => reader.newest(3) });

void mountSignalSettings(section('#signals'), { ...settings, permissions: browser.permissions });

void mountOfflineSettings(section('#offline'), {
  ...settings,
  usage: () => offlineCopies.usage(),
  requestAccess: () => browser.permissions.request(ANY_SITE),
  releaseAccess: () => browser.permissions.remove(ANY_SITE),
  clearCopies: () => offlineCopies.clear(),
  confirm: (question) => window.confirm(question),
});

mountLibraryTools(section('#library'), {
  all: () => reader.all(),
  restore: (entries) => sendToBackground({ type: 'restore-entries', entries }),
  clear: () => sendToBackground({ type: 'clear-library' }),
  estimate: () => navigator.storage.estimate(),
  saveFile(name, text) {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const link = Object.assign(document.createElement('a'), { href: url, download: name });
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  },
  confirm: (question) => window.confirm(question),
  now: () => Date.now(),
  async importLog(text, fileName) {
    // A chat app's history export (NextChat, Open WebUI, LobeChat), else a saved stream or HAR:
    // read and stored by the background, through the one write queue the live capture uses.
    const result = await sendToBackground({ type: 'import-log', text, fileName });
    if (!result.ok) throw new Error(result.error);
    return result;
  },
});

void renderSiteList(section('#sites'), {
  list: async () => (await sendToBackground({ type: 'list-sites' })).origins,
  disable: (origin) => sendToBackground({ type: 'disable-site', origin }),
});

void renderVideoApps(section('#video-apps'), {
  list: async () => (await sendToBackground({ type: 'list-video-apps' })).apps,
  set: (name, on) => sendToBackground({ type: 'set-video-app', name, on }),
});

void renderSiteRules(section('#site-rules'), {
  load: async () => parseStoredPacks((await browser.storage.local.get(RULE_PACKS_KEY))[RULE_PACKS_KEY]),
  save: (packs) => browser.storage.local.set({ [RULE_PACKS_KEY]: packs }),
  builtIns: SITE_EXTRACTORS,
  request: (origins) => browser.permissions.request({ origins }),
  contains: (origins) => browser.permissions.contains({ origins }),
  fetch: (url, init) => fetch(url, init),
  now: () => Date.now(),
});
