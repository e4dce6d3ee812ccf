import { defineConfig, type UserManifest } from 'wxt';
import { bareMainWorldEntry } from './scripts/bare-main-world-entry';
import { appCopyHostTable, VIDEO_APP_MATCHES } from './src/sites/video-apps';
import { appMediaMatches } from './src/offline/default-copies';
import { SITE_EXTRACTORS } from './src/sites/extractors';

/**
 * The add-on's identity on addons.mozilla.org and in every Firefox profile: it keys storage and
 * IndexedDB, so it must never change once published.
 */
export const FIREFOX_ADDON_ID = 'video-keeper@example.org';

type GeckoSettings = NonNullable<NonNullable<UserManifest['browser_specific_settings']>['gecko']> & {
  // Firefox's built-in data consent (AMO requires it for new add-ons since 2025); not yet in WXT's types.
  // https://extensionworkshop.com/documentation/develop/firefox-builtin-data-consent/
  data_collection_permissions: { required: ['none'] };
};

// world: 'MAIN' content scripts need Firefox 128, but data_collection_permissions (which AMO asks
// of every new add-on) is only understood from 140 on desktop and 142 on Android; web-ext lint
// warns about the key below those. 140 is an ESR line too.
const gecko: GeckoSettings = {
  id: FIREFOX_ADDON_ID,
  strict_min_version: '140.0',
  // Nothing leaves the browser: captured videos stay in the profile's IndexedDB.
  data_collection_permissions: { required: ['none'] },
};
const geckoAndroid = { strict_min_version: '142.0' };

// The manifest is assembled here; content-script matches come from src/sites so the
// list of enabled sites lives in exactly one module.
export default defineConfig({
  // Static files (locales, icons) live under assets/, keeping the top level to the project's own.
  publicDir: 'assets/public',
  // The video apps' hosts as data for the relay (src/sites/app-copy-hosts.ts): it runs in every
  // frame of a capture site, so it bundles a table, not the extractors.
  // The page-world script loads bare, without WXT's start-up wrapper (scripts/bare-main-world-entry.ts).
  vite: () => ({ define: { __VIDEO_APP_COPY_HOSTS__: JSON.stringify(appCopyHostTable()) }, plugins: [bareMainWorldEntry()] }),
  modules: ['@wxt-dev/webextension-polyfill'],
  zip: {
    // AMO reviewers rebuild from the sources zip; screenshots of demo runs are not sources.
    excludeSources: ['artifacts/**'],
  },
  manifest: ({ browser }) => ({
    // From assets/public/_locales (en, zh_CN).
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // Drawn by assets/build_icons.py from assets/icon.svg.
    icons: { 16: 'icons/16.png', 32: 'icons/32.png', 48: 'icons/48.png', 128: 'icons/128.png' },
    // storage: the write backlog (local) and the browser-session mark (session); no warning.
    // scripting + optional_host_permissions: capture on a site the user enables from the popup
    // (src/sites/site-access.ts); activeTab lets the popup read the current tab's address.
    // unlimitedStorage: offline copies of videos (within the user's own cap) must not meet the
    // browser's per-origin quota; no install warning. offscreen (Chrome): its service worker
    // cannot make the blob: URLs a kept copy downloads from (entrypoints/offscreen).
    permissions: [
      'downloads',
      'alarms',
      'storage',
      'scripting',
      'activeTab',
      'unlimitedStorage',
      // contextMenus: right-click → "Keep this video" on a <video> or a link to a video file
      // (src/context-menu); the click grants activeTab for reading the video's poster.
      'contextMenus',
      ...(browser === 'firefox' ? [] : ['offscreen']),
    ],
    // notifications: only once the user switches on "Notify me when a video is done" (options page).
    optional_permissions: ['notifications'],
    // The video apps with a site extractor (src/sites/extractors/): granted at install so capture
    // works there out of the box; their capture scripts are registered at run time, one switch
    // per app in the options (src/sites/video-app-access.ts). Beside them, the hosts each app
    // serves its videos and covers from (`mediaHosts`): their done videos are copied by default
    // with no prompt (src/offline/default-copies.ts). Chrome's install warning stays the same
    // two lines (test/e2e/sites/video-apps.e2e.test.ts reads it).
    host_permissions: [...VIDEO_APP_MATCHES, ...appMediaMatches(SITE_EXTRACTORS)],
    optional_host_permissions: ['*://*/*'],
    action: {
      default_title: '__MSG_extName__',
      default_icon: { 16: 'icons/16.png', 32: 'icons/32.png', 48: 'icons/48.png' },
    },
    // Firefox only: Chrome warns about unknown manifest keys. No host_permissions are needed:
    // Firefox 127+ grants the content scripts' matches at install (checked on 153 ESR).
    ...(browser === 'firefox' && { browser_specific_settings: { gecko, gecko_android: geckoAndroid } }),
    // Chrome 148+: runtime messages are structured clones, so the capture relay hands body bytes
    // to the background undecoded, off the page's thread (src/relay/carries-blobs.ts, docs/benchmarks.md).
    // Older Chrome ignores the key and gets text; Firefox always clones and needs no key.
    ...(browser !== 'firefox' && { message_serialization: 'structured_clone' }),
  }),
});
