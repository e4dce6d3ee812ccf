import { describe, expect, it } from 'vitest';
import { redirectReport } from '@/src/background/redirect-report';
import { REDIRECT_CONTENT_TYPE, type StreamOpen } from '@/src/protocol/messages';

const FINAL = 'https://flow-content.google/video/7f3e9b2c?Expires=1&KeyName=k&Signature=s';
const open = (extra: Partial<StreamOpen>): StreamOpen => ({
  type: 'stream-open',
  streamId: 's1',
  endpointUrl: FINAL,
  contentType: REDIRECT_CONTENT_TYPE,
  startedAt: 1,
  requestBody: '/fx/api/trpc/media.getMediaUrlRedirect?name=7f3e9b2c',
  ...extra,
});

describe('redirectReport', () => {
  it('reads a reported redirect as the endpoint asked for (made absolute against the page), whose body is the final URL', () => {
    expect(redirectReport(open({}), 'https://labs.google/fx/tools/flow/project/p')).toEqual({
      endpointUrl: 'https://labs.google/fx/api/trpc/media.getMediaUrlRedirect?name=7f3e9b2c',
      body: JSON.stringify(FINAL),
    });
  });

  it('is nothing for another stream, another endpoint, no redirect (the final URL is the one asked for) or a non-http URL', () => {
    const page = 'https://labs.google/fx/tools/flow';
    expect(redirectReport(open({ contentType: 'application/json' }), page)).toBeUndefined();
    expect(redirectReport(open({ requestBody: '/fx/api/trpc/media.other?name=x' }), page)).toBeUndefined();
    const asked = 'https://labs.google/fx/api/trpc/media.getMediaUrlRedirect?name=x';
    expect(redirectReport(open({ requestBody: asked, endpointUrl: asked }), page)).toBeUndefined();
    expect(redirectReport(open({ requestBody: 'javascript:alert(1)//.getMediaUrlRedirect' }), page)).toBeUndefined();
    const bodiless = open({});
    delete bodiless.requestBody;
    expect(redirectReport(bodiless, page)).toBeUndefined();
  });
});
