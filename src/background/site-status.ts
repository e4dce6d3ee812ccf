import type { SiteStatus } from '../protocol/messages';
import { siteOrigin } from '../sites/site-access';
import { videoAppOf } from '../sites/video-apps';

/**
 * The popup's `site-status` answer: a video app's page is on unless the user switched the app
 * off in the options; any other page is as its site access says (src/sites/site-access.ts).
 */
export function createSiteStatus(deps: {
  isAppOn(name: string): Promise<boolean>;
  siteStatus(url: string): Promise<SiteStatus>;
}): (url: string) => Promise<SiteStatus> {
  return async (url) => {
    const app = videoAppOf(url);
    const origin = siteOrigin(url);
    if (!app || !origin) return deps.siteStatus(url);
    return (await deps.isAppOn(app.name)) ? { state: 'default', origin } : { state: 'switched-off', origin, app: app.label };
  };
}
