import { chatglm } from './chatglm';
import { doubao } from './doubao';
import { gemini } from './gemini';
import { googleFlow } from './google-flow';
import { grok } from './grok';
import { hailuo } from './hailuo';
import { higgsfield } from './higgsfield';
import { jimeng } from './jimeng';
import { kling } from './kling';
import { metaAi } from './meta-ai';
import { midjourney } from './midjourney';
import { pixverse } from './pixverse';
import { qwen } from './qwen';
import { runway } from './runway';
import { hostIsOrUnder, type SiteEndpoint, type SiteExtractor } from './site-extractor';
import { sora } from './sora';
import { vidu } from './vidu';
import { wan } from './wan';

/**
 * Every site extractor, by name. Each serves only its own hosts, so the order does not matter
 * between them; all of them are tried before any dialect.
 */
export const SITE_EXTRACTORS: readonly SiteExtractor[] = [
  chatglm,
  doubao,
  gemini,
  googleFlow,
  grok,
  hailuo,
  higgsfield,
  jimeng,
  kling,
  metaAi,
  midjourney,
  pixverse,
  qwen,
  runway,
  sora,
  vidu,
  wan,
];

/** The extractor and endpoint that read a response, chosen by the page's host, the method and the path. */
export interface SiteMatch {
  extractor: SiteExtractor;
  endpoint: SiteEndpoint;
}

/** Finds the extractor for a response of `endpointUrl` made by a page on `pageHost`; undefined when none reads it. */
export function findSiteEndpoint(
  pageHost: string,
  method: string,
  endpointUrl: string,
  extractors: readonly SiteExtractor[] = SITE_EXTRACTORS,
): SiteMatch | undefined {
  let path: string;
  try {
    path = new URL(endpointUrl).pathname;
  } catch {
    return undefined;
  }
  const verb = method.toUpperCase();
  for (const extractor of extractors) {
    if (!extractor.hosts.some((host) => hostIsOrUnder(pageHost, host))) continue;
    const endpoint = extractor.endpoints.find((candidate) => candidate.method === verb && candidate.path.test(path));
    if (endpoint) return { extractor, endpoint };
  }
  return undefined;
}

export type { SiteEndpoint, SiteExtraction, SiteExtractor, SiteFraming, SiteRequest, SiteTask, SiteVideo } from './site-extractor';
