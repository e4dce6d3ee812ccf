import { describe, expect, it } from 'vitest';
import { importCapturedLog } from '@/src/library/import-captured-log';
import { seedExpected, seedPretty, seedSse } from '../../support/seed';

const expected = seedExpected.videos[0]!;
const seedEntry = {
  id: `task:${expected.taskId}:0`,
  status: 'done',
  videoUrl: expected.video,
  coverUrl: expected.cover,
  prompt: expected.prompt,
  taskId: expected.taskId,
};

describe('importCapturedLog', () => {
  it("yields the seed's entry from the pretty-printed saved log, and says it was pretty-printed", () => {
    const imported = importCapturedLog(seedPretty, 'cogvideo-dog.pretty.txt');
    expect(imported.updates).toEqual([expect.objectContaining(seedEntry)]);
    expect(imported.updates[0]!.site).toBe('https://aigc-files.bigmodel.cn');
    expect(imported.issues.map((issue) => issue.type)).toEqual(['pretty-printed']);
  });

  it("yields the seed's entry from the raw SSE", () => {
    expect(importCapturedLog(new TextDecoder().decode(seedSse), 'answer.sse').updates).toEqual([expect.objectContaining(seedEntry)]);
  });

  it("yields the seed's entry from a HAR export, with the chat page as its site, skipping other responses", () => {
    const har = {
      log: {
        version: '1.2',
        entries: [
          {
            request: { method: 'GET', url: 'http://localhost:3000/', headers: [] },
            response: { status: 200, content: { mimeType: 'text/html', text: '<a href="https://cdn.test/x.mp4">x</a>' } },
          },
          {
            request: {
              method: 'POST',
              url: 'http://localhost:3000/v1/chat/completions',
              headers: [{ name: 'Referer', value: 'http://localhost:3000/chat/1' }],
            },
            response: {
              status: 200,
              content: { mimeType: 'text/event-stream', encoding: 'base64', text: Buffer.from(seedSse).toString('base64') },
            },
          },
        ],
      },
    };
    const imported = importCapturedLog(JSON.stringify(har), 'chat.har');
    expect(imported.streams).toBe(1);
    expect(imported.updates).toEqual([
      expect.objectContaining({ ...seedEntry, site: 'http://localhost:3000', pageUrl: 'http://localhost:3000/chat/1' }),
    ]);
  });

  it('finds nothing in a file that holds no answer', () => {
    expect(importCapturedLog('hello world', 'notes.txt').updates).toEqual([]);
  });
});
