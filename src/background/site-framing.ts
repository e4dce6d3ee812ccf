import type { SiteFraming } from '../sites/extractors';

/**
 * How to read a site response: as the response says when it says event stream or
 * `multipart/mixed` (one GraphQL endpoint, such as Meta AI's, answers either), else as the
 * endpoint declares.
 */
export function siteFramingOf(contentType: string, declared: SiteFraming | undefined): SiteFraming {
  const type = contentType.trim().toLowerCase();
  if (type.startsWith('text/event-stream')) return 'sse';
  if (type.startsWith('multipart/mixed')) return 'multipart';
  return declared ?? 'json';
}
