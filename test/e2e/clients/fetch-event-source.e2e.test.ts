import { describe, expect, it } from 'vitest';
import { REQUEST_MODEL, seedAnswer, seedData } from './support/answer-streams';
import { useClientHarness } from './support/client-harness';

const harness = useClientHarness(['fetch-event-source']);

describe('@microsoft/fetch-event-source (fetch)', () => {
  it('streams the answer to the page unchanged and the video is stored once', async () => {
    const result = await harness.runClient('fetch-event-source');

    expect(result.received).toEqual(seedData);
    expect(result.text).toBe(seedAnswer);

    await harness.expectSeedStoredOnce({
      model: REQUEST_MODEL,
      endpointUrl: `${harness.site.origin}/v1/chat/completions`,
    });
  });
});
