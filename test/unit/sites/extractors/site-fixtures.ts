import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { SiteEndpoint, SiteExtractor, SiteRequest, SiteTask } from '@/src/sites/extractors';
import { createSseDecoder } from '@/src/decode/sse-decoder';

/** Where each site's recorded responses live: `<site>/<endpoint>.json` plus a README. */
export const SITES_FIXTURE_DIR = 'test/fixtures/sites/';
export const SITES_TEST_DIR = 'test/unit/sites/extractors/';

/**
 * One recorded call of a site: the page it was made from, the request, and the response as
 * served (a JSON value, or the SSE text of an event stream). The e2e tests serve the same
 * files at the site's real host name.
 */
export interface SiteFixture {
  /** The page that made the call (its host picks the extractor). */
  page: string;
  request: { method: string; url: string; body?: string };
  response: { contentType: string; body: unknown };
}

export function siteFixtureFiles(site: string): string[] {
  const dir = `${SITES_FIXTURE_DIR}${site}`;
  return existsSync(dir) ? readdirSync(dir).filter((file) => file.endsWith('.json')).sort() : [];
}

export function loadSiteFixture(site: string, endpoint: string): SiteFixture {
  return JSON.parse(readFileSync(`${SITES_FIXTURE_DIR}${site}/${endpoint}.json`, 'utf8')) as SiteFixture;
}

export function requestOf(fixture: SiteFixture): SiteRequest {
  return {
    method: fixture.request.method,
    url: new URL(fixture.request.url),
    ...(fixture.request.body === undefined ? {} : { body: fixture.request.body }),
  };
}

/** The body's text exactly as the server sends it. */
export function responseText(fixture: SiteFixture): string {
  const { body } = fixture.response;
  return typeof body === 'string' ? body : JSON.stringify(body);
}

/**
 * Runs an extractor over a fixture the way the background does: each JSON message of the body
 * (one for JSON, one per event for SSE) through `extract`. `undefined` entries are messages of
 * an unknown shape.
 */
export function extractFixture(extractor: SiteExtractor, endpoint: SiteEndpoint, fixture: SiteFixture): (SiteTask[] | undefined)[] {
  const request = requestOf(fixture);
  if ((endpoint.framing ?? 'json') === 'json') return [extractor.extract(JSON.parse(responseText(fixture)), request, endpoint)];
  const results: (SiteTask[] | undefined)[] = [];
  const decoder = createSseDecoder(
    (event) => {
      if (event.data.trim() === '' || event.data.trim() === '[DONE]') return;
      results.push(extractor.extract(JSON.parse(event.data), request, endpoint));
    },
    () => {},
  );
  decoder.feed(responseText(fixture));
  decoder.end();
  return results;
}

/** Every task a fixture reports, flattened. */
export function tasksOf(extractor: SiteExtractor, endpointName: string): SiteTask[] {
  const endpoint = extractor.endpoints.find((item) => item.name === endpointName);
  if (!endpoint) throw new Error(`${extractor.name} has no endpoint ${endpointName}`);
  return extractFixture(extractor, endpoint, loadSiteFixture(extractor.name, endpointName)).flatMap((tasks) => tasks ?? []);
}
