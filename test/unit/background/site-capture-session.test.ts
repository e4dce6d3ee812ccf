import { describe, expect, it } from 'vitest';
import type { StreamIssue } from '@/src/decode/answer-reassembler';
import { createSiteCaptureSession, siteFramingOf } from '@/src/background/site-capture-session';
import { loadSiteExpectation, loadSiteFixture, responseText } from '../sites/extractors/site-fixtures';
import { createUnchangedBodies } from '@/src/background/unchanged-bodies';
import { findSiteEndpoint } from '@/src/sites/extractors';
import { fakeExtractor } from '../sites/fake-extractor';

const site = 'https://videos.example.test';
function session(method: string, path: string, requestBody?: string) {
  const endpointUrl = `${site}${path}`;
  const match = findSiteEndpoint('videos.example.test', method, endpointUrl, [fakeExtractor]);
  if (!match) throw new Error('no match');
  const issues: StreamIssue[] = [];
  const made = createSiteCaptureSession(
    match,
    { site, pageUrl: `${site}/create`, endpointUrl, contentType: 'application/json', method, ...(requestBody ? { requestBody } : {}) },
    (issue) => issues.push(issue),
  );
  return { session: made, issues };
}

describe('site capture session', () => {
  it('reads the prompt and input image from the request of a create call', () => {
    const { session: create } = session('POST', '/api/create', JSON.stringify({ prompt: '一只猫', image: 'https://cdn.example.test/in.png' }));
    const text = JSON.stringify({ code: 0, data: { id: 't1' } });
    expect(create.push(text.slice(0, 7))).toEqual([]);
    const updates = [...create.push(text.slice(7)), ...create.end('complete')];
    expect(updates).toEqual([
      expect.objectContaining({ id: 'task:fake-app:t1:0', status: 'generating', prompt: '一只猫', inputImageUrl: 'https://cdn.example.test/in.png', source: 'site' }),
    ]);
    expect(create.summary()).toEqual({ handledBy: 'fake-app/create', found: 1 });
    expect([...create.entryIds]).toEqual(['task:fake-app:t1:0']);
  });

  it('yields updates as soon as the JSON value closes, and nothing again at the end', () => {
    const { session: poll } = session('GET', '/api/task/t1');
    const updates = poll.push(JSON.stringify({ code: 0, data: { tasks: [{ id: 't1', state: 'done', videos: [{ url: 'https://cdn.example.test/t1.mp4' }] }] } }));
    expect(updates).toEqual([expect.objectContaining({ id: 'task:fake-app:t1:0', status: 'done', videoUrl: 'https://cdn.example.test/t1.mp4' })]);
    expect(poll.end('complete')).toEqual([]);
    expect(poll.push('more')).toEqual([]);
  });

  it('reads SSE snapshots one event at a time; the repeated video keeps one entry id', () => {
    const { session: stream } = session('POST', '/api/stream');
    const event = (state: string, videos: unknown[]) => `data: ${JSON.stringify({ code: 0, data: { tasks: [{ id: 's1', state, videos }] } })}\n\n`;
    const video = { url: 'https://cdn.example.test/s1.mp4' };
    const updates = [
      ...stream.push(event('running', [])),
      ...stream.push(event('done', [video]).slice(0, 20)),
      ...stream.push(event('done', [video]).slice(20) + event('done', [video])),
      ...stream.end('complete'),
    ];
    expect(updates.map((update) => `${update.id} ${update.status}`)).toEqual([
      'task:fake-app:s1:0 generating',
      'task:fake-app:s1:0 done',
      'task:fake-app:s1:0 done',
    ]);
  });

  it('logs an unknown shape, a throwing extractor and non-JSON once each, and never throws', () => {
    const { session: poll, issues } = session('GET', '/api/task/t1');
    expect(poll.push('{"code":1}{"code":1}')).toEqual([]);
    expect(poll.push('{nope}')).toEqual([]);
    expect(issues.map((issue) => issue.type)).toEqual(['unknown-shape', 'not-json']);

    const throwing = { ...fakeExtractor, extract: () => { throw new Error('boom'); } };
    const issues2: StreamIssue[] = [];
    const broken = createSiteCaptureSession(
      { extractor: throwing, endpoint: fakeExtractor.endpoints[1]! },
      { site, pageUrl: site, endpointUrl: `${site}/api/task/t1`, contentType: 'application/json', method: 'GET' },
      (issue) => issues2.push(issue),
    );
    expect(broken.push('{"code":0}')).toEqual([]);
    expect(broken.end('aborted')).toEqual([]);
    expect(issues2.map((issue) => issue.type)).toEqual(['unknown-shape', 'stream-broke']);
    expect(issues2[0]?.message).toContain('boom');
  });
});

describe('site capture session, framing', () => {
  it('reads a response as it says when it says event stream or multipart/mixed, else as the endpoint declares', () => {
    expect(siteFramingOf('text/event-stream; charset=utf-8', 'multipart')).toBe('sse');
    expect(siteFramingOf('multipart/mixed; boundary="-"', undefined)).toBe('multipart');
    expect(siteFramingOf('application/json', 'sse')).toBe('sse');
    expect(siteFramingOf('application/json', undefined)).toBe('json');
  });

  it('reads a multipart/mixed GraphQL answer part by part, cut anywhere (Meta AI)', () => {
    const fixture = loadSiteFixture('meta-ai', 'graphql.media');
    const match = findSiteEndpoint('www.meta.ai', 'POST', fixture.request.url);
    if (!match) throw new Error('no match');
    const issues: StreamIssue[] = [];
    const made = createSiteCaptureSession(
      match,
      { site: 'https://www.meta.ai', pageUrl: fixture.page, endpointUrl: fixture.request.url, contentType: fixture.response.contentType, method: 'POST', ...(fixture.request.body ? { requestBody: fixture.request.body } : {}) },
      (issue) => issues.push(issue),
    );
    const text = responseText(fixture);
    const updates = [];
    for (let at = 0; at < text.length; at += 7) updates.push(...made.push(text.slice(at, at + 7)));
    updates.push(...made.end('complete'));
    expect(issues).toEqual([]);
    expect(updates.map((update) => `${update.id} ${update.status}`)).toEqual(['task:meta-ai:1302748869104837:0 done']);
    expect(made.summary()).toEqual({ handledBy: 'meta-ai/graphql', found: 1 });
  });
});

describe('site capture session, batchexecute framing', () => {
  it('decodes Google’s length-prefixed frames fed a character at a time, and hands each frame to the extractor', () => {
    const fixture = loadSiteFixture('gemini', 'stream-generate');
    const match = findSiteEndpoint('gemini.google.com', 'POST', fixture.request.url);
    if (!match) throw new Error('no match');
    const issues: StreamIssue[] = [];
    const made = createSiteCaptureSession(
      match,
      { site: 'https://gemini.google.com', pageUrl: fixture.page, endpointUrl: fixture.request.url, contentType: fixture.response.contentType, method: 'POST', requestBody: fixture.request.body! },
      (issue) => issues.push(issue),
    );
    const updates = [...Array.from(responseText(fixture)).flatMap((char) => made.push(char)), ...made.end('complete')];
    expect(updates).toEqual([expect.objectContaining({ id: 'task:gemini:rc_1d5f9b3e7a2c6d48:0', status: 'done', prompt: loadSiteExpectation('gemini').entries[0]!.prompt })]);
    expect(issues).toEqual([]);
    expect(made.summary()).toEqual({ handledBy: 'gemini/stream-generate', found: 1 });
  });
});

describe('site capture session, JSON lines', () => {
  it('reads a JSON-lines stream cut anywhere, one message a line, and says once when a line is not JSON', () => {
    const endpointUrl = 'https://grok.com/rest/app-chat/conversations/new';
    const match = findSiteEndpoint('grok.com', 'POST', endpointUrl);
    if (!match) throw new Error('no match');
    const frame = (progress: number, extra: Record<string, unknown> = {}) =>
      JSON.stringify({ result: { response: { streamingVideoGenerationResponse: { videoPostId: 'p1', progress, ...extra } } } });
    const body = `${frame(10)}\nnot json\n${frame(100, { videoUrl: 'users/u/generated/p1/generated_video.mp4' })}\nalso not json\n`;
    for (const cut of [1, 17, body.indexOf('\n'), body.length - 3]) {
      const issues: StreamIssue[] = [];
      const made = createSiteCaptureSession(
        match,
        { site: 'https://grok.com', pageUrl: 'https://grok.com/imagine', endpointUrl, contentType: 'application/json', method: 'POST', requestBody: JSON.stringify({ message: 'a boat --mode=custom' }) },
        (issue) => issues.push(issue),
      );
      const updates = [...made.push(body.slice(0, cut)), ...made.push(body.slice(cut)), ...made.end('complete')];
      expect(updates.map((update) => `${update.status} ${update.videoUrl ?? update.percent}`)).toEqual(['generating 10', 'done https://assets.grok.com/users/u/generated/p1/generated_video.mp4']);
      expect(updates[1]).toMatchObject({ id: 'task:grok:p1:0', prompt: 'a boat' });
      expect(issues.map((issue) => issue.type)).toEqual(['not-json']);
    }
  });
});

describe('site capture session, an unchanged answer', () => {
  const listUrl = `${site}/api/task/t1`;
  const answer = JSON.stringify({ code: 0, data: { tasks: [{ id: 't1', state: 'done', videos: [{ url: 'https://cdn.example.test/t1.mp4' }] }] } });
  function poll(memo: ReturnType<typeof createUnchangedBodies>, text: string, how: 'complete' | 'aborted' = 'complete') {
    const match = findSiteEndpoint('videos.example.test', 'GET', listUrl, [fakeExtractor]);
    if (!match) throw new Error('no match');
    const made = createSiteCaptureSession(match, { site, pageUrl: `${site}/`, endpointUrl: listUrl, contentType: 'application/json', method: 'GET' }, () => {}, memo);
    const updates = [...made.push(text.slice(0, 10)), ...made.push(text.slice(10)), ...made.end(how)];
    return { updates, summary: made.summary() };
  }

  it('is not read again when the same call answers exactly the same text; the log still says what it holds', () => {
    const memo = createUnchangedBodies();
    expect(poll(memo, answer).updates).toHaveLength(1);
    expect(poll(memo, answer)).toEqual({ updates: [], summary: { handledBy: 'fake-app/task', found: 1 } });
    // Any change is read in full.
    const changed = answer.replace('t1.mp4', 't1-hd.mp4');
    expect(poll(memo, changed).updates).toEqual([expect.objectContaining({ videoUrl: 'https://cdn.example.test/t1-hd.mp4' })]);
    expect(poll(memo, changed).updates).toEqual([]);
  });

  it('an answer that broke is read as it is and not remembered', () => {
    const memo = createUnchangedBodies();
    expect(poll(memo, answer, 'aborted').updates).toHaveLength(1);
    expect(poll(memo, answer).updates).toHaveLength(1);
  });

  it('remembers a few calls, the least recent dropped, and no body over its cap', () => {
    const memo = createUnchangedBodies({ maxCalls: 2, maxChars: 10 });
    memo.remember('a', 'A', 1);
    memo.remember('b', 'B', 2);
    memo.remember('c', 'C', 3);
    expect([memo.foundBefore('a', 'A'), memo.foundBefore('b', 'B'), memo.foundBefore('c', 'C')]).toEqual([undefined, 2, 3]);
    memo.remember('b', 'x'.repeat(11), 4);
    expect(memo.foundBefore('b', 'B')).toBeUndefined();
    expect(memo.foundBefore('b', 'x'.repeat(11))).toBeUndefined();
  });
});
