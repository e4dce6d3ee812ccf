import { readFileSync, readdirSync } from 'node:fs';
import { makeTestCertificate } from '../../browser/test-certificate';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { loadSiteExpectation, loadSiteFixture, responseText, SITES_FIXTURE_DIR, type SiteFixture } from '../../unit/sites/extractors/site-fixtures';

/**
 * A stand-in for the video apps at their real host names: one HTTPS server (a certificate made
 * for the run) that serves a test page at any fixture's page URL, answers the calls of a site's
 * `expected.json` sequence with the recorded responses in order (with the CORS headers a
 * separate API host needs), and serves sample media at every other address (the CDN links the
 * responses name), so link checks and previews work as in the field. The browser maps every
 * host to this server (Chromium `--host-resolver-rules`, Firefox `network.dns.forceResolve`).
 */
export interface VideoAppServer {
  port: number;
  /** Every host the fixtures name: pages, API hosts, CDNs. */
  hosts: string[];
  /** Queues a site's calls: each API request is answered by the next recorded response, which must match it. */
  play(site: string, fixtures: string[]): void;
  /** Queues calls recorded outside `test/fixtures/sites/` or made in the test (a drifted variant of a site). */
  playFixtures(site: string, fixtures: { name: string; fixture: SiteFixture }[]): void;
  /** Replaces the response of the next queued call (a site that changed its JSON). */
  overrideNext(body: unknown): void;
  /** Requests that matched no queued call (a test fails on them). */
  unexpected(): string[];
  /** How many queued calls are still waiting. */
  pending(): number;
  /** From now on answers this media link (host and path) with 403, as an expired signed link is answered. */
  refuse(url: string): void;
  close(): Promise<void>;
}

const MEDIA_DIR = 'test/fixtures/media/';
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>video app</title></head><body><main id="app">video app</main>
<script>
// The calls a video app's page makes, by fetch and by XHR in turn (axios, the sites' own clients),
// each read whole: the texts come back so the test can compare them with what was served. A call
// marked fetch (a redirect to a media file, as Flow's tRPC client makes it) is always a fetch.
window.runCalls = async (calls) => {
  const texts = [];
  for (const [index, call] of calls.entries()) {
    const headers = call.body === undefined ? {} : { 'content-type': call.contentType ?? 'application/json' };
    if (index % 2 === 0 || call.fetch) {
      const response = await fetch(call.url, { method: call.method, body: call.body, headers, credentials: 'include' });
      texts.push(await response.text());
    } else {
      texts.push(await new Promise((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open(call.method, call.url);
        xhr.withCredentials = true;
        for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
        xhr.onload = () => resolve(xhr.responseText);
        xhr.onerror = () => reject(new Error('xhr failed: ' + call.url));
        xhr.send(call.body ?? null);
      }));
    }
  }
  return texts;
};
</script></body></html>`;

/** Every site with recorded fixtures. */
export function recordedSites(): string[] {
  return readdirSync(SITES_FIXTURE_DIR).sort();
}

/** The hosts the fixtures of `sites` name: the pages', the APIs' and every URL's in the responses. */
export function fixtureHosts(sites: readonly string[]): string[] {
  const hosts = new Set<string>();
  for (const site of sites) {
    for (const name of loadSiteExpectation(site).sequence) {
      const fixture = loadSiteFixture(site, name);
      hosts.add(new URL(fixture.page).hostname);
      hosts.add(new URL(fixture.request.url).hostname);
      if (fixture.response.redirectTo !== undefined) hosts.add(new URL(fixture.response.redirectTo).hostname);
      for (const match of responseText(fixture).matchAll(/https?:(?:\\?\/){2}([a-z0-9.-]+\.[a-z]{2,})/gi)) hosts.add(match[1]!.toLowerCase());
    }
  }
  return [...hosts].sort();
}

export async function startVideoAppServer(options: { port?: number; hosts: string[] }): Promise<VideoAppServer> {
  const certificate = await makeTestCertificate(options.hosts);

  let queue: { site: string; name: string; fixture: SiteFixture; override?: unknown }[] = [];
  const unexpected: string[] = [];
  const refused = new Set<string>();
  const media = {
    video: readFileSync(`${MEDIA_DIR}sample.mp4`),
    image: readFileSync(`${MEDIA_DIR}sample-cover.jpeg`),
  };

  const cors = (request: IncomingMessage, response: ServerResponse): void => {
    const origin = request.headers.origin;
    if (origin) {
      response.setHeader('access-control-allow-origin', origin);
      response.setHeader('access-control-allow-credentials', 'true');
    }
  };

  const handle = (request: IncomingMessage, response: ServerResponse, body: string): void => {
    const url = new URL(request.url ?? '/', `https://${request.headers.host ?? 'localhost'}`);
    cors(request, response);
    if (request.method === 'OPTIONS') {
      response.setHeader('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE');
      response.setHeader('access-control-allow-headers', request.headers['access-control-request-headers'] ?? '*');
      response.writeHead(204).end();
      return;
    }
    if (request.headers['sec-fetch-dest'] === 'document' || request.headers['sec-fetch-mode'] === 'navigate') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(PAGE);
      return;
    }
    const next = queue[0];
    if (next && next.fixture.request.method === request.method && sameEndpoint(next.fixture.request.url, url)) {
      queue.shift();
      if (next.fixture.request.body !== undefined && next.fixture.request.body !== body) {
        unexpected.push(`${next.site}/${next.name}: the page sent another body`);
      }
      const { redirectTo } = next.fixture.response;
      if (redirectTo !== undefined && next.override === undefined) {
        // A redirect to a media file: the page follows it and gets the file from the CDN below.
        response.writeHead(302, { location: redirectTo, 'cache-control': 'no-store' }).end();
        return;
      }
      const text = next.override === undefined ? responseText(next.fixture) : JSON.stringify(next.override);
      response.writeHead(200, { 'content-type': next.fixture.response.contentType, 'cache-control': 'no-store' }).end(text);
      return;
    }
    if (refused.has(`${url.host}${url.pathname}`)) {
      response.writeHead(403, { 'content-type': 'application/xml' }).end('<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>');
      return;
    }
    // Every other address is a CDN link of a response: a video, or a cover or input image.
    const image = /\.(png|jpe?g|webp|gif|image|avif)(\b|$)|image|cover|thumb|poster|frame|icon|avatar/i.test(url.pathname + url.search);
    const bytes = image ? media.image : media.video;
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      unexpected.push(`${request.method} ${url.host}${url.pathname}`);
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': image ? 'image/jpeg' : 'video/mp4', 'content-length': bytes.length, 'accept-ranges': 'bytes' });
    response.end(request.method === 'HEAD' ? undefined : bytes);
  };

  const server: Server = createServer(certificate, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => handle(request, response, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });

  return {
    port: (server.address() as AddressInfo).port,
    hosts: options.hosts,
    play(site, fixtures) {
      queue = fixtures.map((name) => ({ site, name, fixture: loadSiteFixture(site, name) }));
    },
    playFixtures(site, fixtures) {
      queue = fixtures.map(({ name, fixture }) => ({ site, name, fixture }));
    },
    overrideNext(body) {
      if (queue[0]) queue[0].override = body;
    },
    unexpected: () => [...unexpected],
    pending: () => queue.length,
    refuse(link) {
      const parsed = new URL(link);
      refused.add(`${parsed.host}${parsed.pathname}`);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function sameEndpoint(recorded: string, requested: URL): boolean {
  const expected = new URL(recorded);
  return expected.host === requested.host && expected.pathname === requested.pathname && expected.search === requested.search;
}
