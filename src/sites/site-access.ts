import type { SiteStatus } from '../protocol/messages';
import { CAPTURE_MATCHES } from './capture-sites';
import { t } from '../i18n/t';

export type { SiteStatus };

/** Files of the two capture content scripts in the built extension (WXT's output names). */
export const CAPTURE_SCRIPT_FILES = {
  page: 'content-scripts/capture-page.js',
  relay: 'content-scripts/capture-relay.js',
} as const;

/** Prefix of the ids of content scripts registered for a site the user enabled. */
const ID_PREFIX = 'site:';

/** The part of `scripting.RegisteredContentScript` used here. */
export interface SiteContentScript {
  id: string;
  matches?: string[];
  js?: string[];
  runAt?: 'document_start' | 'document_end' | 'document_idle';
  allFrames?: boolean;
  world?: 'ISOLATED' | 'MAIN';
  persistAcrossSessions?: boolean;
}

/** The part of the `scripting` API used here (injected, so tests pass a fake). */
export interface ScriptingApi {
  registerContentScripts(scripts: SiteContentScript[]): Promise<unknown>;
  unregisterContentScripts(filter?: { ids?: string[] }): Promise<unknown>;
  getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<SiteContentScript[]>;
}

/** The part of the `permissions` API used here. */
export interface PermissionsApi {
  contains(permissions: { origins: string[] }): Promise<boolean>;
  remove(permissions: { origins: string[] }): Promise<boolean>;
}

/** `storage.local` key of the enabled sites. */
export const ENABLED_SITES_KEY = 'enabledSites';

/** The stored list of enabled sites, keeping only valid origins (the value may be anything). */
export function parseEnabledSites(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is string => typeof item === 'string' && siteOrigin(item) === item);
}

/** Where the list of enabled sites is kept (`storage.local`), the one source of truth. */
export interface EnabledSitesStore {
  load(): Promise<string[]>;
  save(origins: string[]): Promise<void>;
}

/** Why enabling or disabling a site did not happen. */
export type SiteAccessResult = { ok: true } | { ok: false; error: string };

export interface SiteAccess {
  status(url: string): Promise<SiteStatus>;
  /** Registers the capture scripts for the site; its host permission must be granted already. */
  enable(origin: string): Promise<SiteAccessResult>;
  /** Unregisters the site's scripts and gives its host permission back. */
  disable(origin: string): Promise<SiteAccessResult>;
  /** Origins the user enabled, sorted. */
  list(): Promise<string[]>;
  /**
   * Brings the registrations in line with the stored list: registers what is missing (Chrome
   * drops dynamic scripts when an unpacked extension is loaded again, and on some updates) and
   * forgets sites whose permission is gone. Run at every background start.
   */
  sync(): Promise<void>;
}

/**
 * The site of a page: `https://example.com` (scheme and host; match patterns ignore the port,
 * so one permission covers every port). Undefined for anything but http(s).
 */
export function siteOrigin(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || !parsed.hostname) return undefined;
  return `${parsed.protocol}//${parsed.hostname}`;
}

/** The host permission and content-script match pattern of a site: `https://example.com/*`. */
export function sitePattern(origin: string): string {
  return `${origin}/*`;
}

/** Whether `url` is matched by a match pattern of the `<scheme>://<host>/*` shapes used here. */
export function matchesPattern(pattern: string, url: string): boolean {
  const match = /^(\*|https?):\/\/(\*\.)?([^/]*)\/\*$/.exec(pattern);
  if (!match) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  const [, scheme, anySubdomain, host] = match;
  const protocol = parsed.protocol.slice(0, -1);
  if (scheme === '*' ? protocol !== 'http' && protocol !== 'https' : protocol !== scheme) return false;
  if (host === '*') return true;
  return parsed.hostname === host || (anySubdomain !== undefined && parsed.hostname.endsWith(`.${host ?? ''}`));
}

/** Ids of the two scripts of one site; derived from the origin so they can be found again. */
export function siteScriptIds(origin: string): { page: string; relay: string } {
  return { page: `${ID_PREFIX}page:${origin}`, relay: `${ID_PREFIX}relay:${origin}` };
}

/**
 * Per-site capture beyond the default sites: the user grants an optional host permission (the
 * popup asks, in its click handler, because `permissions.request` needs a user gesture) and
 * this registers the two capture scripts for that site, as the manifest declares them for the
 * default ones. Registrations persist across browser restarts.
 */
export function createSiteAccess(apis: {
  scripting: ScriptingApi;
  permissions: PermissionsApi;
  store: EnabledSitesStore;
}): SiteAccess {
  const { scripting, permissions, store } = apis;

  const storedOrigins = async (): Promise<string[]> => [...new Set(await store.load())].sort();
  const remember = async (origin: string, on: boolean): Promise<void> => {
    const others = (await storedOrigins()).filter((item) => item !== origin);
    await store.save(on ? [...others, origin].sort() : others);
  };

  const registeredOrigins = async (): Promise<Set<string>> => {
    const scripts = await scripting.getRegisteredContentScripts();
    const ids = new Set(scripts.map((script) => script.id));
    const prefix = `${ID_PREFIX}page:`;
    return new Set(
      [...ids]
        .filter((id) => id.startsWith(prefix))
        .map((id) => id.slice(prefix.length))
        .filter((origin) => ids.has(siteScriptIds(origin).relay)),
    );
  };

  const unregister = async (origin: string): Promise<void> => {
    const ids = siteScriptIds(origin);
    const present = await scripting.getRegisteredContentScripts({ ids: [ids.page, ids.relay] });
    if (present.length > 0) await scripting.unregisterContentScripts({ ids: present.map((script) => script.id) });
  };

  const register = async (origin: string): Promise<void> => {
    const ids = siteScriptIds(origin);
    const pattern = sitePattern(origin);
    // Registered again from scratch, so a half-registered site (one id left by a crash) heals.
    await unregister(origin);
    await scripting.registerContentScripts([
      {
        id: ids.page,
        matches: [pattern],
        js: [CAPTURE_SCRIPT_FILES.page],
        world: 'MAIN',
        runAt: 'document_start',
        allFrames: true,
        persistAcrossSessions: true,
      },
      {
        id: ids.relay,
        matches: [pattern],
        js: [CAPTURE_SCRIPT_FILES.relay],
        runAt: 'document_start',
        allFrames: true,
        persistAcrossSessions: true,
      },
    ]);
  };

  const forget = async (origin: string): Promise<void> => {
    await unregister(origin);
    await remember(origin, false);
  };

  return {
    async status(url) {
      const origin = siteOrigin(url);
      if (!origin) return { state: 'unsupported' };
      if (CAPTURE_MATCHES.some((pattern) => matchesPattern(pattern, url))) return { state: 'default', origin };
      // Enabled means stored and still allowed: the user may have taken the permission back in
      // the browser's own UI.
      const enabled =
        (await storedOrigins()).includes(origin) && (await permissions.contains({ origins: [sitePattern(origin)] }));
      return enabled ? { state: 'enabled', origin } : { state: 'disabled', origin, pattern: sitePattern(origin) };
    },

    async enable(origin) {
      if (siteOrigin(origin) !== origin) return { ok: false, error: t('siteNotWeb', origin) };
      const pattern = sitePattern(origin);
      if (!(await permissions.contains({ origins: [pattern] }))) {
        return { ok: false, error: t('siteNotAllowed', origin) };
      }
      try {
        await register(origin);
        await remember(origin, true);
      } catch (error) {
        return { ok: false, error: t('siteEnableFailed', origin, errorText(error)) };
      }
      return { ok: true };
    },

    async disable(origin) {
      if (siteOrigin(origin) !== origin) return { ok: false, error: t('siteNotWeb', origin) };
      try {
        await forget(origin);
      } catch (error) {
        return { ok: false, error: t('siteDisableFailed', origin, errorText(error)) };
      }
      // A permission the manifest requires (a test build) cannot be removed; the scripts are gone
      // all the same, so capture is off.
      await permissions.remove({ origins: [sitePattern(origin)] }).catch(() => false);
      return { ok: true };
    },

    list: storedOrigins,

    async sync() {
      const stored = await storedOrigins();
      if (stored.length === 0) return;
      const registered = await registeredOrigins();
      for (const origin of stored) {
        if (!(await permissions.contains({ origins: [sitePattern(origin)] }))) await forget(origin);
        else if (!registered.has(origin)) await register(origin);
      }
    },
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
