import { describe, expect, it } from 'vitest';
import { seedSse } from '../../support/seed';
import { REQUEST_MODEL, seedAnswer, seedCompletion } from './support/answer-streams';
import { useClientHarness } from './support/client-harness';

const harness = useClientHarness(['fetch-bodies']);
const seedText = new TextDecoder().decode(seedSse);

describe('fetch bodies however the page consumes them (the clone tee)', () => {
  for (const consumer of ['text', 'arrayBuffer', 'pipeThrough'] as const) {
    it(`an event stream read with ${consumer === 'pipeThrough' ? 'pipeThrough(new TextDecoderStream())' : `${consumer}()`}`, async () => {
      const result = await harness.runClient('fetch-bodies', { consumer });
      expect(result.text).toBe(seedText);
      await harness.expectSeedStoredOnce({ model: REQUEST_MODEL, endpointUrl: `${harness.site.origin}/v1/chat/completions` });
    });
  }

  it('a JSON completion read with json()', async () => {
    const result = await harness.runClient('fetch-bodies', { consumer: 'json' });
    expect(result.received).toEqual([seedCompletion()]);
    expect(result.text).toBe(seedAnswer);
    await harness.expectSeedStoredOnce({ model: REQUEST_MODEL, endpointUrl: `${harness.site.origin}/v1/chat/completions` });
  });
});
