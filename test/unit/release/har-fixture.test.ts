import { describe, expect, it } from 'vitest';
import { fixtureBody, harResponses, siteFixture } from '@/scripts/har-fixture';

const har = (entries: unknown[]) => JSON.stringify({ log: { version: '1.2', entries } });

describe('HAR responses for fixtures', () => {
  it('decodes base64 bodies, keeps the method, status and type, and skips entries without a body', () => {
    const responses = harResponses(
      har([
        { request: { method: 'POST', url: 'https://vidu.com/api/tasks' }, response: { status: 200, content: { mimeType: 'application/json', encoding: 'base64', text: Buffer.from('{"id":"任务"}').toString('base64') } } },
        { request: { method: 'GET', url: 'https://vidu.com/logo.png' }, response: { status: 200, content: { mimeType: 'image/png' } } },
      ]),
    );
    expect(responses).toEqual([{ method: 'POST', url: 'https://vidu.com/api/tasks', status: 200, mimeType: 'application/json', body: '{"id":"任务"}' }]);
    expect(fixtureBody(responses[0]!)).toBe('{\n  "id": "任务"\n}\n');
  });

  it('writes a site fixture with the page (Referer), the request body and the parsed response', () => {
    const [response] = harResponses(
      har([
        {
          request: { method: 'POST', url: 'https://api.vidu.com/tasks', headers: [{ name: 'Referer', value: 'https://www.vidu.com/create' }], postData: { text: '{"prompt":"狗"}' } },
          response: { status: 200, content: { mimeType: 'application/json', text: '{"id":"1"}' } },
        },
      ]),
    );
    expect(JSON.parse(siteFixture(response!))).toEqual({
      page: 'https://www.vidu.com/create',
      request: { method: 'POST', url: 'https://api.vidu.com/tasks', body: '{"prompt":"狗"}' },
      response: { contentType: 'application/json', body: { id: '1' } },
    });
  });

  it('keeps a body that is not JSON as it was sent, and refuses a file that is not a HAR', () => {
    expect(fixtureBody({ method: 'GET', url: 'x', status: 200, mimeType: 'text/event-stream', body: 'data: {"a":1}\n\n' })).toBe('data: {"a":1}\n\n');
    expect(() => harResponses('{"entries":[]}')).toThrow(/Not a HAR file/);
  });
});
