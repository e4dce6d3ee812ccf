import { CAPTURE_SCRIPT_FILES, type ScriptingApi } from './site-access';
import type { VideoApp } from './video-apps';

/** `storage.local` key of the video apps the user switched off (names). */
export const VIDEO_APPS_OFF_KEY = 'videoAppsOff';

/** Prefix of the ids of the capture scripts registered for a video app. */
const ID_PREFIX = 'app:';

/** The stored list of switched-off apps, keeping only names of known apps (the value may be anything). */
export function parseAppsOff(value: unknown, apps: readonly VideoApp[]): string[] {
  if (!Array.isArray(value)) return [];
  const names = new Set(apps.map((app) => app.name));
  return [...new Set(value.filter((item): item is string => typeof item === 'string' && names.has(item)))].sort();
}

/** One app's line in the options page. */
export interface VideoAppState {
  name: string;
  label: string;
  hosts: readonly string[];
  on: boolean;
}

export interface VideoAppAccess {
  /** Every app, with its switch. */
  list(): Promise<VideoAppState[]>;
  /** Whether capture runs on the app (not switched off). */
  isOn(name: string): Promise<boolean>;
  /** Switches an app on (registers its capture scripts) or off (unregisters them). */
  set(name: string, on: boolean): Promise<{ ok: true } | { ok: false; error: string }>;
  /**
   * Brings the registrations in line with the switches: every app on has its two capture
   * scripts registered, every app off has none. Run at install and at every background start
   * (Chrome drops dynamic scripts when an unpacked extension is loaded again).
   */
  sync(): Promise<void>;
}

/** Ids of an app's two scripts. */
export function appScriptIds(name: string): { page: string; relay: string } {
  return { page: `${ID_PREFIX}page:${name}`, relay: `${ID_PREFIX}relay:${name}` };
}

/**
 * Capture on the video apps, on by default and switchable per app. The host permissions are in
 * the manifest (granted at install); the capture scripts are registered at run time rather than
 * declared, because a declared content script cannot be switched off: an app switched off runs
 * none of them.
 */
export function createVideoAppAccess(options: {
  apps: readonly VideoApp[];
  scripting: ScriptingApi;
  store: { load(): Promise<unknown>; save(names: string[]): Promise<void> };
}): VideoAppAccess {
  const { apps, scripting, store } = options;
  const off = async (): Promise<string[]> => parseAppsOff(await store.load(), apps);

  const register = async (app: VideoApp): Promise<void> => {
    const ids = appScriptIds(app.name);
    await unregister(app.name);
    await scripting.registerContentScripts([
      { id: ids.page, matches: app.matches, js: [CAPTURE_SCRIPT_FILES.page], world: 'MAIN', runAt: 'document_start', allFrames: true, persistAcrossSessions: true },
      { id: ids.relay, matches: app.matches, js: [CAPTURE_SCRIPT_FILES.relay], runAt: 'document_start', allFrames: true, persistAcrossSessions: true },
    ]);
  };
  const unregister = async (name: string): Promise<void> => {
    const ids = appScriptIds(name);
    const present = await scripting.getRegisteredContentScripts({ ids: [ids.page, ids.relay] });
    if (present.length > 0) await scripting.unregisterContentScripts({ ids: present.map((script) => script.id) });
  };

  return {
    async list() {
      const switchedOff = new Set(await off());
      return apps.map((app) => ({ name: app.name, label: app.label, hosts: app.hosts, on: !switchedOff.has(app.name) }));
    },
    async isOn(name) {
      return !(await off()).includes(name);
    },
    async set(name, on) {
      const app = apps.find((item) => item.name === name);
      if (!app) return { ok: false, error: `no video app ${name}` };
      const others = (await off()).filter((item) => item !== name);
      try {
        if (on) await register(app);
        else await unregister(name);
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
      await store.save(on ? others : [...others, name].sort());
      return { ok: true };
    },
    async sync() {
      const switchedOff = new Set(await off());
      const scripts = await scripting.getRegisteredContentScripts();
      const registered = new Map(scripts.map((script) => [script.id, (script.matches ?? []).join(' ')]));
      for (const app of apps) {
        const ids = appScriptIds(app.name);
        const matches = app.matches.join(' ');
        if (switchedOff.has(app.name)) await unregister(app.name);
        // Both present with this version's matches: nothing to do; anything else is registered anew.
        else if (registered.get(ids.page) !== matches || registered.get(ids.relay) !== matches) await register(app);
      }
      // Scripts of apps no longer known (an update dropped an extractor) go too.
      const known = new Set(apps.flatMap((app) => Object.values(appScriptIds(app.name))));
      const stale = [...registered.keys()].filter((id) => id.startsWith(ID_PREFIX) && !known.has(id));
      if (stale.length > 0) await scripting.unregisterContentScripts({ ids: stale });
    },
  };
}
