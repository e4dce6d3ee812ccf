import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import type { CapturePort } from '@/src/background/capture-service';
import { answerEventLine } from './support/hostile-cases';
import { DONE_EVENT, HOSTILE_VIDEO, STOP_EVENT, TASK_TEXT } from './support/hostile-answer';
import { createPipeline, EXTENSION_ID, trackUnhandledRejections } from './support/pipeline';

/**
 * The background takes a capture port only from this extension's own content script in a tab
 * of an http(s) page, and takes the entry's site from that sender, never from what the page
 * (or a relay it fooled) says.
 */
type Sender = CapturePort['sender'];
const tab = { id: 3 };
const VIDEO_ANSWER = answerEventLine(TASK_TEXT) + answerEventLine(`[视频](${HOSTILE_VIDEO})\n`) + STOP_EVENT + DONE_EVENT;

// prettier-ignore
const REFUSED: Array<[string, Sender]> = [
  ['no sender at all', undefined],
  ['an empty sender', {}],
  ['no extension id', { url: 'http://localhost:3000/', tab }],
  ['another extension', { id: 'someone-else', url: 'http://localhost:3000/', tab }],
  ['an id differing in case', { id: EXTENSION_ID.toUpperCase(), url: 'http://localhost:3000/', tab }],
  ['no tab (an extension page, offscreen document or worker)', { id: EXTENSION_ID, url: 'http://localhost:3000/' }],
  ['a tab without an id', { id: EXTENSION_ID, url: 'http://localhost:3000/', tab: {} }],
  ['TAB_ID_NONE (-1)', { id: EXTENSION_ID, url: 'http://localhost:3000/', tab: { id: -1 } }],
  ['no URL', { id: EXTENSION_ID, tab }],
  ...['chrome-extension://abcdefghijklmnop/popup.html', 'moz-extension://0b1c/popup.html', 'about:blank', 'about:srcdoc', 'data:text/html,<p>x',
    'file:///home/user/chat.html', 'blob:http://localhost:3000/0b1c', 'javascript:alert(1)', 'ws://localhost:3000/ws', 'ftp://localhost/',
    'chrome://settings/', 'view-source:http://localhost:3000/', 'http://', '/relative', `http://localhost:3000/${'a'.repeat(5000)}`, 'http://\u202Eevil.test/']
    .map((url): [string, Sender] => [`a page at ${JSON.stringify(url.slice(0, 60))}`, { id: EXTENSION_ID, url, tab }]),
];

const rejections = trackUnhandledRejections();
afterEach(() => {
  expect(rejections.take()).toEqual([]);
});

describe('capture port senders', () => {
  it.each(REFUSED)('refuses %s: no entry, a logged reason', async (_name, sender) => {
    const pipeline = await createPipeline({ sender });
    pipeline.stream(1, { contentType: 'text/event-stream', chunks: [VIDEO_ANSWER], finish: 'complete' });
    await pipeline.settle();
    expect(await pipeline.entries()).toEqual([]);
    expect(pipeline.logs.map((log) => log.type)).toContain('refused-sender');
    expect(pipeline.logs.every((log) => log.type === 'refused-sender')).toBe(true);
  });

  it.each([
    ['a top frame', { id: EXTENSION_ID, url: 'http://localhost:3000/chat/1', frameId: 0, tab }, 'http://localhost:3000'],
    ['a subframe of another origin', { id: EXTENSION_ID, url: 'https://chat.example/embed', frameId: 4, tab }, 'https://chat.example'],
    ['a page URL with credentials', { id: EXTENSION_ID, url: 'http://user:secret@127.0.0.1:8080/c', frameId: 0, tab }, 'http://127.0.0.1:8080'],
  ] as const)('takes %s, with the site from the sender, not from the stream', async (_name, sender, site) => {
    const pipeline = await createPipeline({ sender });
    // The endpoint claims another site; the entry's site is the sender's origin all the same.
    pipeline.stream(1, { contentType: 'text/event-stream', url: 'https://bank.example/v1/chat/completions', chunks: [VIDEO_ANSWER], finish: 'complete' });
    await pipeline.settle();
    const entries = await pipeline.entries();
    expect(entries.map((entry) => [entry.status, entry.site, entry.endpointUrl])).toEqual([['done', site, 'https://bank.example/v1/chat/completions']]);
    const pageUrl = new URL(sender.url);
    pageUrl.username = pageUrl.password = '';
    expect(entries[0]?.pageUrl).toBe(pageUrl.href);
    expect(entries[0]?.pageUrl).not.toContain('secret');
  });
});
