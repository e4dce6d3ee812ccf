import { responseText, type SiteFixture } from '../unit/sites/extractors/site-fixtures';

/** What a HAR from DevTools records of the sequence: each call with its page as `Referer`, its body as `postData`. */
export function harOf(fixtures: readonly SiteFixture[]): string {
  const entries = fixtures.flatMap(({ page, request, response }): unknown[] => {
    const harRequest = {
      method: request.method,
      url: request.url,
      headers: [{ name: 'Referer', value: page }],
      ...(request.body === undefined ? {} : { postData: { mimeType: request.contentType ?? 'application/json', text: request.body } }),
    };
    if (response.redirectTo === undefined) {
      return [{ request: harRequest, response: { status: 200, redirectURL: '', content: { mimeType: response.contentType, text: responseText({ page, request, response }) } } }];
    }
    // A redirect is two entries: the 302 (no body) and the media file it leads to (not kept in a HAR's text).
    return [
      { request: harRequest, response: { status: 302, redirectURL: response.redirectTo, content: { mimeType: 'x-unknown', size: 0 } } },
      { request: { method: 'GET', url: response.redirectTo, headers: [] }, response: { status: 200, redirectURL: '', content: { mimeType: response.contentType, size: 1000 } } },
    ];
  });
  return JSON.stringify({ log: { version: '1.2', creator: { name: 'WebInspector', version: '537.36' }, entries } });
}

