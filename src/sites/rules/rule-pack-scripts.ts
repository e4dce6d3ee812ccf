import { CAPTURE_SCRIPT_FILES, type PermissionsApi, type ScriptingApi } from '../site-access';
import type { PackApp } from './rule-pack';

/** Prefix of the ids of the capture scripts registered for an app a rule pack adds. */
const ID_PREFIX = 'rules:';

/** Match patterns of a pack app's hosts (each host and its subdomains, HTTPS only, as the built-in apps). */
export function packAppMatches(app: Pick<PackApp, 'hosts'>): string[] {
  return app.hosts.map((host) => `https://*.${host}/*`);
}

/**
 * The capture scripts of the apps rule packs add, registered as "Capture on this site" registers
 * them (src/sites/site-access.ts: the same two scripts, the same options): only for an app whose
 * hosts the user granted (optional host permission, asked from the options page), and removed
 * when its pack or its permission is gone. Overrides of built-in apps need none: the built-in
 * app's scripts already run there.
 */
export async function syncPackScripts(apps: readonly PackApp[], deps: { scripting: ScriptingApi; permissions: Pick<PermissionsApi, 'contains'> }): Promise<void> {
  const { scripting, permissions } = deps;
  const registered = new Map((await scripting.getRegisteredContentScripts()).filter((script) => script.id.startsWith(ID_PREFIX)).map((script) => [script.id, (script.matches ?? []).join(' ')]));
  const wanted = new Set<string>();
  for (const app of apps) {
    if (app.overrides) continue;
    const matches = packAppMatches(app);
    if (!(await permissions.contains({ origins: matches }))) continue;
    const ids = [`${ID_PREFIX}page:${app.name}`, `${ID_PREFIX}relay:${app.name}`];
    ids.forEach((id) => wanted.add(id));
    if (ids.every((id) => registered.get(id) === matches.join(' '))) continue;
    const present = ids.filter((id) => registered.has(id));
    if (present.length > 0) await scripting.unregisterContentScripts({ ids: present });
    await scripting.registerContentScripts([
      { id: ids[0] ?? '', matches, js: [CAPTURE_SCRIPT_FILES.page], world: 'MAIN', runAt: 'document_start', allFrames: true, persistAcrossSessions: true },
      { id: ids[1] ?? '', matches, js: [CAPTURE_SCRIPT_FILES.relay], runAt: 'document_start', allFrames: true, persistAcrossSessions: true },
    ]);
  }
  const stale = [...registered.keys()].filter((id) => !wanted.has(id));
  if (stale.length > 0) await scripting.unregisterContentScripts({ ids: stale });
}
