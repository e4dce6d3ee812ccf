import { describe, expect, it } from 'vitest';
import { REQUEST_MODEL, seedAnswer, seedData } from './support/answer-streams';
import { useClientHarness } from './support/client-harness';

const harness = useClientHarness(['openai-sdk']);

describe('the official openai SDK (browser mode, fetch)', () => {
  it('streams the answer to the page unchanged and the video is stored once', async () => {
    const result = await harness.runClient('openai-sdk');

    // Every chunk the SDK yielded is the JSON the server sent, in order ([DONE] ends the iteration).
    expect(result.received).toEqual(seedData.slice(0, -1).map((data) => JSON.parse(data) as unknown));
    expect(result.text).toBe(seedAnswer);

    await harness.expectSeedStoredOnce({
      model: REQUEST_MODEL,
      endpointUrl: `${harness.site.origin}/v1/chat/completions`,
      pageUrl: harness.site.pageUrl('openai-sdk'),
    });
  });
});
