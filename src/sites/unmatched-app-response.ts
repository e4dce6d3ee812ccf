import { hostIsOrUnder, type SiteExtractor } from './extractors/site-extractor';

/** Path segments of feeds of other people's videos (explore, trending, a public feed). */
const PUBLIC_SEGMENT = /^(explore|discover|discovery|trending|trend|recommend|recommended|recommendation|recommendations|community|square|inspiration|public|feed|feeds|popular|featured)$/;
/** Path segments that say the list is the user's own (`/api/feed/creation/my/…`, `/profile_feed/me`). */
const OWN_SEGMENT = /^(my|me|mine|own|self|personal|profile|history|drafts?|user)$/;

/**
 * The video app whose generic task reader should read a response no endpoint of its extractor
 * matched (src/background/site-capture-session.ts): the page is one of the app's, and the
 * response came from its page hosts or its declared `apiHosts`. Public feeds of other people's
 * videos are left alone, as the extractors leave them. Undefined: not a video app's own response.
 */
export function unmatchedAppResponse(pageHost: string, endpointUrl: string, extractors: readonly SiteExtractor[]): SiteExtractor | undefined {
  let url: URL;
  try {
    url = new URL(endpointUrl);
  } catch {
    return undefined;
  }
  const extractor = extractors.find((item) => item.hosts.some((host) => hostIsOrUnder(pageHost, host)));
  if (!extractor) return undefined;
  const appHosts = [...extractor.hosts, ...(extractor.apiHosts ?? [])];
  if (!appHosts.some((host) => hostIsOrUnder(url.hostname, host))) return undefined;
  const segments = url.pathname.toLowerCase().split('/');
  if (segments.some((segment) => PUBLIC_SEGMENT.test(segment)) && !segments.some((segment) => OWN_SEGMENT.test(segment))) return undefined;
  return extractor;
}
