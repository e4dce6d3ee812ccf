import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { SiteEndpoint, SiteExtractor, SiteRequest, SiteTask } from '../../../../src/sites/extractors';
import { createBatchexecuteDecoder } from '../../../../src/decode/batchexecute-decoder';
import { createMultipartMixedDecoder } from '../../../../src/decode/multipart-mixed-decoder';
import { createJsonLinesDecoder } from '../../../../src/decode/json-lines-decoder';
import { createSseDecoder } from '../../../../src/decode/sse-decoder';
import { siteFramingOf } from '../../../../src/background/site-capture-session';

/**
 * Where each site's recorded responses live: `<site>/<endpoint>.json` (more than one response of
 * an endpoint: `<endpoint>.<variant>.json`, e.g. `status.generating.json`), a README naming the
 * public source and date of each shape, and `expected.json`: the order a page makes the calls in
 * (`sequence`, fixture names without `.json`) and the entries the library must hold after them.
 */
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
  /** `contentType`: what the page sends the body as (default JSON; Flow sends JSON as `text/plain`). */
  request: { method: string; url: string; body?: string; contentType?: string };
  /**
   * `redirectTo`: the server answers with a 302 to this URL (a media file), whose final URL the
   * page world reports without copying the bytes (src/capture/media-redirect.ts); `body` is unused.
   */
  response: { contentType: string; body: unknown; redirectTo?: string };
}

/** What a site's whole sequence of calls must leave in the library (`expected.json`). */
export interface SiteExpectation {
  /** Where the shapes were learned (public source and date). */
  basedOn: string;
  /** Fixture names (without `.json`) in the order the page calls them. */
  sequence: string[];
  /** One per entry the library must hold afterwards, and no other. */
  entries: {
    taskId: string;
    status: 'generating' | 'done' | 'failed';
    videoUrl?: string;
    coverUrl?: string;
    prompt?: string;
    /** The task's input images: never stored as the video or the cover. */
    inputImages?: string[];
  }[];
}

/** The recorded responses of a site (file names, `expected.json` left out). */
export function siteFixtureFiles(site: string): string[] {
  const dir = `${SITES_FIXTURE_DIR}${site}`;
  return existsSync(dir) ? readdirSync(dir).filter((file) => file.endsWith('.json') && file !== 'expected.json').sort() : [];
}

/** The endpoint a fixture file records: the name before the first dot. */
export function endpointOfFixture(file: string): string {
  return file.split('.')[0] ?? '';
}

/** A recorded response by fixture name (`status`, `status.generating`…). */
export function loadSiteFixture(site: string, fixture: string): SiteFixture {
  return JSON.parse(readFileSync(`${SITES_FIXTURE_DIR}${site}/${fixture}.json`, 'utf8')) as SiteFixture;
}

export function loadSiteExpectation(site: string): SiteExpectation {
  return JSON.parse(readFileSync(`${SITES_FIXTURE_DIR}${site}/expected.json`, 'utf8')) as SiteExpectation;
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
 * (one for JSON, one per event for SSE, one per line for JSON lines, one per part for multipart) through `extract`. `undefined` entries are messages of
 * an unknown shape.
 */
export function extractFixture(extractor: SiteExtractor, endpoint: SiteEndpoint, fixture: SiteFixture): (SiteTask[] | undefined)[] {
  const request = requestOf(fixture);
  // A redirect is read as the JSON string of its final URL (src/background/redirect-report.ts).
  if (fixture.response.redirectTo !== undefined) return [extractor.extract(fixture.response.redirectTo, request, endpoint)];
  const framing = siteFramingOf(fixture.response.contentType, endpoint.framing);
  if (framing === 'json') return [extractor.extract(JSON.parse(responseText(fixture)), request, endpoint)];
  if (framing === 'batchexecute') {
    const results: (SiteTask[] | undefined)[] = [];
    const decoder = createBatchexecuteDecoder((json) => results.push(extractor.extract(JSON.parse(json), request, endpoint)), () => {}, 16 * 1024 * 1024);
    decoder.feed(responseText(fixture));
    decoder.end();
    return results;
  }
  const results: (SiteTask[] | undefined)[] = [];
  if (framing === 'json-lines') {
    const lines = createJsonLinesDecoder((value) => results.push(extractor.extract(JSON.parse(value), request, endpoint)), () => {}, Infinity);
    lines.feed(responseText(fixture));
    lines.end();
    return results;
  }
  if (framing === 'multipart') {
    const decoder = createMultipartMixedDecoder(fixture.response.contentType, (part) => results.push(extractor.extract(JSON.parse(part), request, endpoint)), () => {
      throw new Error('a part of the fixture is too large');
    }, 1024 * 1024);
    decoder.feed(responseText(fixture));
    decoder.end();
    return results;
  }
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

/** Every task a fixture (`status`, `status.done`…) reports, flattened. */
export function tasksOf(extractor: SiteExtractor, fixtureName: string): SiteTask[] {
  const endpointName = endpointOfFixture(fixtureName);
  const endpoint = extractor.endpoints.find((item) => item.name === endpointName);
  if (!endpoint) throw new Error(`${extractor.name} has no endpoint ${endpointName}`);
  return extractFixture(extractor, endpoint, loadSiteFixture(extractor.name, fixtureName)).flatMap((tasks) => tasks ?? []);
}
