import type { SiteRequest } from '../sites/extractors';

/**
 * The request a site extractor reads (prompts live in its body). An endpoint URL that does not
 * parse still gives a request, of a host no extractor knows, so the session reads on.
 */
export function siteRequestOf(method: string, endpointUrl: string, body: string | undefined): SiteRequest {
  try {
    return { method, url: new URL(endpointUrl), ...(body === undefined ? {} : { body }) };
  } catch {
    return { method, url: new URL('https://invalid.invalid/') };
  }
}
