import { describe, expect, it } from 'vitest';
import { REQUEST_MODEL, seedAnswer, seedUiMessageChunks } from './support/answer-streams';
import { useClientHarness } from './support/client-harness';

const harness = useClientHarness(['vercel-ai']);

describe('the Vercel AI SDK v5 client (DefaultChatTransport, UI message stream)', () => {
  it('streams the answer to the page unchanged and the video is stored once', async () => {
    const result = await harness.runClient('vercel-ai');

    expect(result.received).toEqual(seedUiMessageChunks());
    expect(result.text).toBe(seedAnswer);

    // Needs the decode layer's dialect for the UI message stream v5 (`text-delta` parts).
    await harness.expectSeedStoredOnce({
      model: REQUEST_MODEL,
      endpointUrl: `${harness.site.origin}/api/chat`,
    });
  });
});
