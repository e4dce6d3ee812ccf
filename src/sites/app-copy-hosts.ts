import { hostIsOrUnder } from './extractors/site-extractor';

/** One video app's hosts as the relay needs them: its page hosts, and its page and API hosts together. */
export interface AppCopyHosts {
  hosts: readonly string[];
  copyFrom: readonly string[];
}

declare const __VIDEO_APP_COPY_HOSTS__: readonly AppCopyHosts[] | undefined;

/**
 * Every built-in video app's hosts, written into the bundles at build time by wxt.config.ts (from
 * src/sites/video-apps.ts), so that the relay, which runs in every frame of a capture site, bundles
 * no site extractor to learn them. Empty where the build did not define it (unit tests pass their
 * own table).
 */
export const BUILT_IN_APP_COPY_HOSTS: readonly AppCopyHosts[] = typeof __VIDEO_APP_COPY_HOSTS__ === 'undefined' ? [] : __VIDEO_APP_COPY_HOSTS__;

/**
 * The hosts whose JSON the page world copies on a page of a video app, whatever the path: the
 * app's page hosts and its declared API hosts. Empty for any other page.
 */
export function appCopyHostsOf(url: string, table: readonly AppCopyHosts[] = BUILT_IN_APP_COPY_HOSTS): string[] {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return [];
  }
  const app = table.find((item) => item.hosts.some((apex) => hostIsOrUnder(host, apex)));
  return app ? [...app.copyFrom] : [];
}
