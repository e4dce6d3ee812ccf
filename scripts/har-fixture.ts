/** The responses of a DevTools HAR export, for turning one into a recorded fixture (CONTRIBUTING.md). */

/** One request/response pair of a HAR, with its body decoded. */
export interface HarResponse {
  method: string;
  url: string;
  status: number;
  mimeType: string;
  body: string;
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

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
