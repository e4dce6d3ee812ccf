/** The responses of a DevTools HAR export, for turning one into a recorded fixture (CONTRIBUTING.md). */

/** One request/response pair of a HAR, with its body decoded. */
export interface HarResponse {
  method: string;
  url: string;
  status: number;
  mimeType: string;
  body: string;
  /** The request body the page sent (HAR `postData.text`), if any. */
  requestBody?: string;
  /** The page that made the call (its `Referer`), if the HAR kept it. */
  pageUrl?: string;
}

/** Every response of `harText` that has a body, in the HAR's order; throws on a file that is not a HAR. */
export function harResponses(harText: string): HarResponse[] {
  const entries = record(record(JSON.parse(harText) as unknown)?.log)?.entries;
  if (!Array.isArray(entries)) throw new Error('Not a HAR file: no log.entries (save it from DevTools → Network → Export HAR)');
  const responses: HarResponse[] = [];
  for (const entry of entries) {
    const request = record(record(entry)?.request);
    const response = record(record(entry)?.response);
    const content = record(response?.content);
    if (typeof request?.url !== 'string' || typeof content?.text !== 'string') continue;
    const body = content.encoding === 'base64' ? Buffer.from(content.text, 'base64').toString('utf8') : content.text;
    responses.push({
      method: typeof request.method === 'string' ? request.method : 'GET',
      url: request.url,
      status: typeof response?.status === 'number' ? response.status : 0,
      mimeType: typeof content.mimeType === 'string' ? content.mimeType : '',
      body,
      ...(typeof record(request.postData)?.text === 'string' ? { requestBody: record(request.postData)?.text as string } : {}),
      ...(refererOf(request) ? { pageUrl: refererOf(request) } : {}),
    });
  }
  return responses;
}

/** The body as a fixture file holds it: JSON pretty-printed (stable diffs), anything else as sent. */
export function fixtureBody(response: HarResponse): string {
  try {
    return `${JSON.stringify(JSON.parse(response.body), null, 2)}\n`;
  } catch {
    return response.body;
  }
}

/**
 * The response as a site extractor fixture (`test/fixtures/sites/<site>/<endpoint>.json`, read by
 * test/unit/sites/extractors/site-fixtures.ts): the page, the request and the response, JSON
 * bodies parsed so the file diffs well, event streams kept as text.
 */
export function siteFixture(response: HarResponse): string {
  let body: unknown = response.body;
  try {
    body = JSON.parse(response.body);
  } catch {
    // An event stream (or any text) stays as it was sent.
  }
  const fixture = {
    page: response.pageUrl ?? new URL(response.url).origin + '/',
    request: { method: response.method, url: response.url, ...(response.requestBody === undefined ? {} : { body: response.requestBody }) },
    response: { contentType: response.mimeType, body },
  };
  return `${JSON.stringify(fixture, null, 2)}\n`;
}

function refererOf(request: Record<string, unknown>): string | undefined {
  const headers = Array.isArray(request.headers) ? request.headers : [];
  for (const header of headers) {
    const item = record(header);
    if (typeof item?.name === 'string' && item.name.toLowerCase() === 'referer' && typeof item.value === 'string') return item.value;
  }
  return undefined;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
