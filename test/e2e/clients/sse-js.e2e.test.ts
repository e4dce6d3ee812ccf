import { describe, expect, it } from 'vitest';
import { REQUEST_MODEL, seedAnswer, seedData } from './support/answer-streams';
import { useClientHarness } from './support/client-harness';

const harness = useClientHarness(['sse-js']);

describe('sse.js (XMLHttpRequest, as in LibreChat)', () => {
  it('streams the answer to the page unchanged and the video is stored once', async () => {
    const result = await harness.runClient('sse-js');

    expect(result.received).toEqual(seedData);
    expect(result.text).toBe(seedAnswer);

    await harness.expectSeedStoredOnce({
      model: REQUEST_MODEL,
      endpointUrl: `${harness.site.origin}/v1/chat/completions`,
    });
  });
});
