import { parseHttpUrl } from '../extract/http-url';
import { SITE_EXTRACTORS } from '../sites/extractors';
import { hostIsOrUnder, type SiteExtractor } from '../sites/extractors/site-extractor';
import type { VideoEntry } from '../store/video-entry';

/** One video app's hosts as the default-copy policy needs them. */
export interface AppMediaHosts {
  /** Its page hosts (subdomains included): where its entries are captured. */
  hosts: readonly string[];
  /** The hosts its videos and covers come from; granted at install with the page hosts. */
  mediaHosts: readonly string[];
}

/** Each extractor's page and media hosts. */
export function appMediaHostTable(extractors: readonly SiteExtractor[]): AppMediaHosts[] {
  return extractors.map((extractor) => ({ hosts: extractor.hosts, mediaHosts: extractor.mediaHosts ?? [] }));
}

/**
 * The host permissions that let the extension read the video apps' media (`https://*.<host>/*`
 * covers the host and its subdomains), for the manifest beside the apps' page hosts; hosts the
 * page hosts already cover are left out.
 */
export function appMediaMatches(extractors: readonly SiteExtractor[]): string[] {
  const pages = extractors.flatMap((extractor) => extractor.hosts);
  const hosts = new Set<string>();
  for (const extractor of extractors) {
    for (const host of extractor.mediaHosts ?? []) {
      if (!pages.some((page) => hostIsOrUnder(host, page))) hosts.add(host);
    }
  }
  // A host under another listed one adds nothing (`cdn.x.com` beside `x.com`).
  const kept = [...hosts].filter((host) => ![...hosts].some((other) => other !== host && hostIsOrUnder(host, other)));
  return kept.map((host) => `https://*.${host}/*`);
}

/**
 * Whether an entry is copied without the user asking: it was captured on a video app's page and
 * its video is served from that app's own hosts (pages or media), which the manifest grants, so
 * the copy needs no permission. Chat sites' videos are copied only when the user switches on
 * copies for every site (options → Offline copies).
 */
export function copiedByDefault(entry: Pick<VideoEntry, 'site' | 'pageUrl' | 'videoUrl'>, apps: readonly AppMediaHosts[]): boolean {
  // The manifest grants the apps' hosts over HTTPS only.
  const link = parseHttpUrl(entry.videoUrl);
  const video = link?.startsWith('https:') ? hostOf(link) : undefined;
  const page = hostOf(entry.pageUrl) ?? hostOf(entry.site);
  if (!video || !page) return false;
  const app = apps.find((candidate) => candidate.hosts.some((host) => hostIsOrUnder(page, host)));
  return !!app && [...app.hosts, ...app.mediaHosts].some((host) => hostIsOrUnder(video, host));
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.hostname : undefined;
  } catch {
    return undefined;
  }
}

/** The built-in extractors' table, as the manifest grants it (wxt.config.ts). */
export const BUILT_IN_APP_MEDIA_HOSTS: readonly AppMediaHosts[] = appMediaHostTable(SITE_EXTRACTORS);
