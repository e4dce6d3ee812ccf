import { createSiteAccess, ENABLED_SITES_KEY, parseEnabledSites } from '../sites/site-access';
import { createVideoAppAccess, VIDEO_APPS_OFF_KEY } from '../sites/video-app-access';
import { VIDEO_APPS } from '../sites/video-apps';
import type { BackgroundApis } from './background-apis';
import { logFailure } from './log';
import type { RequestHandlers } from './request-handlers';
import { createSiteStatus } from './site-status';
import { storageSlot } from './storage-slot';

type SiteRequests = 'site-status' | 'list-video-apps' | 'set-video-app' | 'enable-site' | 'disable-site' | 'list-sites';

/**
 * Where the capture runs: the chat sites the user enabled and the video apps, each of which can
 * be switched off. Both are registered content scripts, brought in line with what is stored at
 * start; the answers are the popup's and the options page's requests about them.
 */
export function wireSiteAccess(apis: Pick<BackgroundApis, 'storage' | 'scripting' | 'permissions'>): Pick<RequestHandlers, SiteRequests> {
  const enabled = storageSlot<string[]>(apis.storage.local, ENABLED_SITES_KEY);
  const sites = createSiteAccess({
    scripting: apis.scripting,
    permissions: apis.permissions,
    store: { load: async () => parseEnabledSites(await enabled.load()), save: (origins) => enabled.save(origins) },
  });
  const videoApps = createVideoAppAccess({ apps: VIDEO_APPS, scripting: apis.scripting, store: storageSlot(apis.storage.local, VIDEO_APPS_OFF_KEY) });
  const siteStatus = createSiteStatus({ isAppOn: (name) => videoApps.isOn(name), siteStatus: (url) => sites.status(url) });
  sites.sync().catch(logFailure('could not restore the enabled sites')); // forgets sites switched off in the browser's own UI
  videoApps.sync().catch(logFailure('could not register the video apps')); // registered, not declared: each can be switched off
  return {
    'site-status': ({ url }) => siteStatus(url),
    'list-video-apps': async () => ({ apps: await videoApps.list() }),
    'set-video-app': ({ name, on }) => videoApps.set(name, on),
    'enable-site': ({ origin }) => sites.enable(origin),
    'disable-site': ({ origin }) => sites.disable(origin),
    'list-sites': async () => ({ origins: await sites.list() }),
  };
}
