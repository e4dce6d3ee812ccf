import { appCopyHosts } from '@/src/sites/video-apps';
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MEDIA_REDIRECT } from '@/src/capture/media-redirect';
import { shouldCopyBody } from '@/src/capture/should-copy-body';
import { findSiteEndpoint, SITE_EXTRACTORS } from '@/src/sites/extractors';
import { siteTaskUpdates } from '@/src/sites/site-task-updates';
import { mergeEntry } from '@/src/store/merge-entry';
import type { VideoEntry } from '@/src/store/video-entry';
import { expectSiteEntries } from '../../../e2e/sites/site-expectations';
import {
  endpointOfFixture,
  extractFixture,
  loadSiteExpectation,
  tasksOf,
  loadSiteFixture,
  responseText,
  siteFixtureFiles,
  SITES_FIXTURE_DIR,
  SITES_TEST_DIR,
} from './site-fixtures';

// Site extractors are one family with the dialects: each is one module, a
// recorded fixture per endpoint with a README naming its public source and date, and a test.
const names = SITE_EXTRACTORS.map((extractor) => extractor.name);
const SHARED_TESTS = new Set(['registry.test.ts']);
const endpoints = SITE_EXTRACTORS.flatMap((extractor) =>
  extractor.endpoints.map((endpoint) => ({ extractor, endpoint, label: `${extractor.name} ${endpoint.name}` })),
);
/** Every recorded response, with the endpoint it records. */
const fixtures = SITE_EXTRACTORS.flatMap((extractor) =>
  siteFixtureFiles(extractor.name).flatMap((file) => {
    const endpoint = extractor.endpoints.find((item) => item.name === endpointOfFixture(file));
    const name = file.replace(/\.json$/, '');
    return endpoint ? [{ extractor, endpoint, name, label: `${extractor.name} ${name}` }] : [];
  }),
);

describe('site extractor registry', () => {
  it('names each extractor once, in kebab case, with hosts and endpoints', () => {
    expect(new Set(names).size).toBe(names.length);
    for (const extractor of SITE_EXTRACTORS) {
      expect(extractor.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(extractor.hosts.length).toBeGreaterThan(0);
      for (const host of extractor.hosts) expect(host).toMatch(/^[a-z0-9.-]+\.[a-z]+$/);
      expect(new Set(extractor.endpoints.map((endpoint) => endpoint.name)).size).toBe(extractor.endpoints.length);
    }
  });

  it.each(names)('%s has a module, a fixture folder with a README and expectations, and a test file', (name) => {
    expect(existsSync(`src/sites/extractors/${name}.ts`)).toBe(true);
    expect(existsSync(`${SITES_FIXTURE_DIR}${name}/README.md`), `no ${SITES_FIXTURE_DIR}${name}/README.md`).toBe(true);
    expect(existsSync(`${SITES_TEST_DIR}${name}.test.ts`), `no ${SITES_TEST_DIR}${name}.test.ts`).toBe(true);
    const expectation = loadSiteExpectation(name);
    expect(expectation.basedOn).toMatch(/\S/);
    expect(expectation.entries.length).toBeGreaterThan(0);
    const files = siteFixtureFiles(name);
    for (const step of expectation.sequence) expect(files, `expected.json calls ${step}, which has no fixture`).toContain(`${step}.json`);
  });

  it.each(endpoints)('$label has at least one recorded response', ({ extractor, endpoint }) => {
    expect(siteFixtureFiles(extractor.name).map(endpointOfFixture)).toContain(endpoint.name);
  });

  it('has no fixture or test of an unknown extractor or endpoint', () => {
    if (existsSync(SITES_FIXTURE_DIR)) {
      for (const site of readdirSync(SITES_FIXTURE_DIR)) {
        const extractor = SITE_EXTRACTORS.find((item) => item.name === site);
        expect(extractor, `${SITES_FIXTURE_DIR}${site} names no registered extractor`).toBeDefined();
        for (const file of siteFixtureFiles(site)) {
          expect(extractor?.endpoints.map((endpoint) => endpoint.name), `${site}/${file} names no endpoint`).toContain(endpointOfFixture(file));
        }
      }
    }
    for (const file of readdirSync(SITES_TEST_DIR).filter((item) => item.endsWith('.test.ts') && !SHARED_TESTS.has(item))) {
      expect(names, `${file} tests no registered extractor`).toContain(file.replace(/\.test\.ts$/, ''));
    }
  });

  // The unit twin of test/e2e/sites/video-apps.e2e.test.ts: the same calls, through the mapping
  // and the merge the background uses, must leave exactly the entries expected.json names.
  it.each(names)('%s: the calls of expected.json, mapped and merged as the background does, leave exactly its entries', (name) => {
    const extractor = SITE_EXTRACTORS.find((item) => item.name === name)!;
    const stored = new Map<string, VideoEntry>();
    let now = 1;
    for (const step of loadSiteExpectation(name).sequence) {
      for (const task of tasksOf(extractor, step)) {
        const source = { extractor: name, site: 'https://site.test', pageUrl: 'https://site.test/', endpointUrl: `https://site.test/${step}` };
        for (const update of siteTaskUpdates(task, source)) stored.set(update.id, mergeEntry(stored.get(update.id), update, (now += 1)));
      }
    }
    expectSiteEntries(name, [...stored.values()]);
  });

  it.each(fixtures)('$label is routed to its endpoint, and read', ({ extractor, endpoint, name }) => {
    const fixture = loadSiteFixture(extractor.name, name);
    const pageHost = new URL(fixture.page).hostname;
    // The page-world filter copies it, or reports its final URL when it is a media redirect
    // (else the background never sees it) …
    if (fixture.response.redirectTo === undefined) {
      expect(shouldCopyBody(fixture.response.contentType, fixture.request.url, responseText(fixture).length, appCopyHosts(fixture.page))).toBe(true);
    } else {
      expect(shouldCopyBody(fixture.response.contentType, fixture.response.redirectTo, -1)).toBe(false);
      expect(MEDIA_REDIRECT.test(fixture.request.url)).toBe(true);
    }
    // … the background routes it here, by the page's host, the method and the path …
    const match = findSiteEndpoint(pageHost, fixture.request.method, fixture.request.url);
    expect(match?.extractor.name).toBe(extractor.name);
    expect(match?.endpoint.name).toBe(endpoint.name);
    // … and the extractor knows its shape.
    const results = extractFixture(extractor, endpoint, fixture);
    expect(results.length).toBeGreaterThan(0);
    for (const tasks of results) expect(tasks, 'a message of the fixture was of an unknown shape').toBeDefined();
  });

  it.each(fixtures)('$label never offers an input image, or a URL that is not http(s), as a video', ({ extractor, endpoint, name }) => {
    const tasks = extractFixture(extractor, endpoint, loadSiteFixture(extractor.name, name)).flatMap((item) => item ?? []);
    for (const task of tasks) {
      for (const video of task.videos) {
        expect(task.inputImages).not.toContain(video.url);
        for (const url of [video.url, video.cover, ...(video.alternates ?? [])]) {
          if (url !== undefined) expect(url).toMatch(/^https?:\/\//);
        }
        expect(video.alternates ?? []).not.toContain(video.url);
      }
    }
  });

  it.each(fixtures)('$label: unknown shapes give undefined or [], never a throw', ({ extractor, endpoint, name }) => {
    const fixture = loadSiteFixture(extractor.name, name);
    const request = { method: fixture.request.method, url: new URL(fixture.request.url) };
    for (const junk of [null, 0, 'x', [], {}, { data: null }, { data: [1, 'a', null] }, { ret: '0', data: { item_list: 'x' } }]) {
      const result = extractor.extract(junk, request, endpoint);
      if (result !== undefined) expect(result.every((task) => typeof task.taskId === 'string')).toBe(true);
    }
  });
});
