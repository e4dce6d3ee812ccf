import { describe, expect, it } from 'vitest';
import { BACKGROUND_REQUESTS, parseBackgroundRequest } from '@/src/protocol/background-requests';

describe('the protocol table of background requests', () => {
  it('reads each request by its own type only, and nothing that merely names an inherited property', () => {
    expect(parseBackgroundRequest({ type: 'list-sites' })).toEqual({ type: 'list-sites' });
    expect(parseBackgroundRequest({ type: 'download-entry', id: 'task:a:1', extra: 'dropped' })).toEqual({ type: 'download-entry', id: 'task:a:1' });
    expect(parseBackgroundRequest({ type: 'download-entry', id: 5 })).toBeUndefined();
    for (const type of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) expect(parseBackgroundRequest({ type })).toBeUndefined();
    expect(parseBackgroundRequest('list-sites')).toBeUndefined();
  });

  it('reads each answer into its type, and refuses a malformed one', () => {
    expect(BACKGROUND_REQUESTS['import-log'].response({ ok: true, streams: 2, videos: 1 })).toEqual({ ok: true, streams: 2, videos: 1 });
    expect(BACKGROUND_REQUESTS['import-log'].response({ ok: true, streams: '2', videos: 1 })).toBeUndefined();
    expect(BACKGROUND_REQUESTS['capture-log'].response({ records: [{ at: 'x' }] })).toEqual({ records: [] });
  });
});
