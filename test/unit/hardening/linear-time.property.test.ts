import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createCaptureSession } from '@/src/background/capture-session';
import { createSiteCaptureSession } from '@/src/background/site-capture-session';
import { DIALECTS } from '@/src/decode/dialects';
import { importCapturedLog } from '@/src/library/import-captured-log';
import { importChatHistory } from '@/src/library/import-chat-history';
import { findSiteEndpoint, SITE_EXTRACTORS } from '@/src/sites/extractors';
import { dialectOf, fixtureFiles, FIXTURE_DIR, loadFixture } from '../decode/dialects/fixture-runner';
import { loadSiteFixture, responseText, siteFixtureFiles } from '../sites/extractors/site-fixtures';
import {
  FLOOR_MS,
  hostileJsonValue,
  HOSTILE_TASK_LINE,
  hostileText,
  MICROSECONDS_PER_CHAR,
  READER_TIMEOUT_MS,
  replaceSpan,
  RUNS_PER_READER,
  stringValueSpans,
  timed,
  withinBudget,
} from './support/adversarial-text';

/**
 * Every reader of page text (each dialect, each site extractor, each importer) is fed its own
 * recorded input with one value swapped for hostile text: a long line of near-matches of what
 * the readers look for, a deeply nested value, a number of thousands of digits. Each must read
 * it in time linear in its length (a bound per character; `support/adversarial-text.ts`).
 */

const expectWithinBudget = (ms: number, chars: number): void => {
  const { ok, message } = withinBudget(ms, chars);
  expect(ok, message).toBe(true);
};

/** Which value to replace: often the first, which comes before the answer's task line (read only until one is found). */
const spanIndex = (count: number): fc.Arbitrary<number> =>
  fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 0, max: Math.max(0, count - 1) }) });

describe('linear time: each dialect reads hostile answer text', () => {
  // One fixture per dialect: the first of its recorded streams.
  const byDialect = new Map<string, string>();
  for (const file of fixtureFiles()) if (!byDialect.has(dialectOf(file))) byDialect.set(dialectOf(file), file);

  it('has a recorded stream for every registered dialect', () => {
    expect([...byDialect.keys()].sort()).toEqual(DIALECTS.map((dialect) => dialect.name).sort());
  });

  it.each([...byDialect.entries()])('%s', (dialect, file) => {
    const { bytes, expected } = loadFixture(file);
    const body = new TextDecoder().decode(bytes);
    // The string values the answer text is made of: replacing one puts the hostile text where
    // the dialect reads the answer. A bare text body is answer text as a whole.
    const spans = stringValueSpans(body).filter((span) => {
      const value = JSON.parse(body.slice(span.start, span.end)) as string;
      return value.length > 1 && expected.text.includes(value);
    });
    const source = { site: 'http://localhost:3000', pageUrl: 'http://localhost:3000/chat', endpointUrl: 'http://localhost:3000/v1/chat', contentType: expected.contentType };
    fc.assert(
      fc.property(spanIndex(spans.length), hostileJsonValue, hostileText, (index, value, text) => {
        const span = spans[index];
        const input = span ? replaceSpan(body, span, value) : `${text}\n${body}`;
        const session = createCaptureSession(source, () => {});
        const ms = timed(() => {
          session.push(input);
          session.end('complete');
        });
        expectWithinBudget(ms, input.length);
        // The hostile text reached this dialect, not another reader (json-media-scan names itself only once it finds media).
        if (span && value.startsWith('"') && dialect !== 'json-media-scan') expect(session.summary().handledBy).toBe(dialect);
      }),
      // The line that took 13 s before, always among the runs: in place of the first answer text.
      { numRuns: RUNS_PER_READER, examples: [[0, JSON.stringify(HOSTILE_TASK_LINE), HOSTILE_TASK_LINE]] },
    );
  }, READER_TIMEOUT_MS);
});

describe('linear time: each site extractor reads hostile values in its JSON', () => {
  const cases = SITE_EXTRACTORS.flatMap((extractor) => siteFixtureFiles(extractor.name).map((file) => [extractor.name, file.replace(/\.json$/, '')] as const));

  it('covers a recorded response of every registered extractor', () => {
    expect(new Set(cases.map(([site]) => site))).toEqual(new Set(SITE_EXTRACTORS.map((extractor) => extractor.name)));
  });

  it.each(cases)('%s %s', (_site, name) => {
    const fixture = loadSiteFixture(_site, name);
    const body = responseText(fixture);
    const spans = stringValueSpans(body);
    const page = new URL(fixture.page);
    const match = findSiteEndpoint(page.hostname, fixture.request.method, fixture.request.url);
    expect(match).toBeDefined();
    if (!match) return;
    const source = {
      site: page.origin,
      pageUrl: fixture.page,
      endpointUrl: fixture.request.url,
      contentType: fixture.response.contentType,
      method: fixture.request.method,
      ...(fixture.request.body === undefined ? {} : { requestBody: fixture.request.body }),
    };
    fc.assert(
      fc.property(spanIndex(spans.length), hostileJsonValue, (index, value) => {
        const span = spans[index];
        const input = span ? replaceSpan(body, span, value) : body;
        const session = createSiteCaptureSession(match, source, () => {});
        const ms = timed(() => {
          session.push(input);
          session.end('complete');
        });
        expectWithinBudget(ms, input.length);
      }),
      { numRuns: RUNS_PER_READER },
    );
  }, READER_TIMEOUT_MS);
});

describe('linear time: each importer reads hostile files', () => {
  const historyDir = 'test/fixtures/chat-history/';
  const histories = readdirSync(historyDir).filter((file) => file.endsWith('.json'));

  it.each(histories)('chat history %s', (file) => {
    const text = readFileSync(`${historyDir}${file}`, 'utf8');
    const spans = stringValueSpans(text);
    expect(importChatHistory(text)?.updates.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(spanIndex(spans.length), hostileJsonValue, (index, value) => {
        const input = replaceSpan(text, spans[index]!, value);
        const ms = timed(() => importChatHistory(input));
        expectWithinBudget(ms, input.length);
      }),
      { numRuns: RUNS_PER_READER },
    );
  }, READER_TIMEOUT_MS);

  it('a HAR file of chat streams holding hostile answer text', () => {
    const stream = readFileSync(`${FIXTURE_DIR}openai-chat.n2.sse`, 'utf8');
    const spans = stringValueSpans(stream);
    fc.assert(
      fc.property(spanIndex(spans.length), hostileJsonValue, fc.integer({ min: 1, max: 3 }), (index, value, copies) => {
        const body = replaceSpan(stream, spans[index]!, value);
        const entry = {
          request: { method: 'POST', url: 'http://localhost:3000/v1/chat/completions', headers: [{ name: 'Referer', value: 'http://localhost:3000/chat' }] },
          response: { status: 200, content: { mimeType: 'text/event-stream', text: body } },
        };
        const har = JSON.stringify({ log: { version: '1.2', entries: Array.from({ length: copies }, () => entry) } });
        let streams = 0;
        const ms = timed(() => (streams = importCapturedLog(har, 'chat.har').streams));
        expect(streams).toBe(copies);
        expectWithinBudget(ms, har.length);
      }),
      { numRuns: RUNS_PER_READER },
    );
  }, READER_TIMEOUT_MS);

  it('a saved stream that is one hostile line after another', () => {
    fc.assert(
      fc.property(hostileText, fc.constantFrom('saved.txt', 'saved.ndjson', 'saved.json'), (text, fileName) => {
        const ms = timed(() => importCapturedLog(text, fileName));
        expectWithinBudget(ms, text.length);
      }),
      { numRuns: RUNS_PER_READER },
    );
  }, READER_TIMEOUT_MS);
});

describe('linear time: the bound itself', () => {
  it('is generous for a loaded machine and still far below a super-linear reader', () => {
    // The backtracking task-line pattern took about 450 µs a character on a 30 KB line.
    expect(MICROSECONDS_PER_CHAR).toBeLessThanOrEqual(450 / 10);
    expect(FLOOR_MS).toBeLessThanOrEqual(500);
  });
});
