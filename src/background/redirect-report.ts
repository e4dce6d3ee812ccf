import { MEDIA_REDIRECT } from '../capture/media-redirect';
import { parseHttpUrl } from '../extract/http-url';
import { REDIRECT_CONTENT_TYPE, type StreamOpen } from '../protocol/messages';

/** A redirect report read as an ordinary response of the endpoint the page called. */
export interface RedirectReport {
  /** The URL the page asked for, made absolute against the page's URL. */
  endpointUrl: string;
  /** The body the endpoint's extractor reads: the final URL as a JSON string. */
  body: string;
}

/**
 * The page world reports a media redirect (src/capture/media-redirect.ts) as a bodiless stream
 * whose `endpointUrl` is the final URL and whose `requestBody` is the URL the page asked for.
 * This turns it back into a response of the endpoint asked for, whose body is the final URL,
 * so the site extractor reads it like any other. Undefined for any other stream, for a report
 * of another endpoint, and when the final URL is the one asked for (no redirect happened).
 */
export function redirectReport(open: StreamOpen, pageUrl: string): RedirectReport | undefined {
  if (open.contentType !== REDIRECT_CONTENT_TYPE || open.requestBody === undefined) return undefined;
  let asked: string | undefined;
  try {
    asked = parseHttpUrl(new URL(open.requestBody, pageUrl).href);
  } catch {
    return undefined;
  }
  if (!asked || !MEDIA_REDIRECT.test(asked) || asked === open.endpointUrl) return undefined;
  return { endpointUrl: asked, body: JSON.stringify(open.endpointUrl) };
}
