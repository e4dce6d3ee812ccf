import { describe, expect, it } from 'vitest';
import { chatgptWebBody, REQUEST_MODEL, relayAnswer, relayEvents, seedAnswer, seedDeltas } from './support/answer-streams';
import { useClientHarness } from './support/client-harness';

const harness = useClientHarness(['chatgpt-web-axios', 'ai-text-stream', 'video-relay']);

describe('chat bodies that are neither SSE nor JSON', () => {
  it("chatgpt-web: axios over XHR reads the octet-stream unchanged; the accumulated text makes one video, once", async () => {
    const result = await harness.runClient('chatgpt-web-axios');

    // The page saw the body grow over several progress events and ends with every byte sent.
    const body = chatgptWebBody().join('');
    const seen = result.received as string[];
    expect(seen.length).toBeGreaterThan(1);
    for (const text of seen) expect(body.startsWith(text)).toBe(true);
    expect(seen.at(-1)).toBe(body);
    expect(result.text).toBe(seedAnswer);

    await harness.expectSeedStoredOnce({
      model: REQUEST_MODEL,
      endpointUrl: `${harness.site.origin}/api/chat-process`,
    });
  });

  it("the AI SDK text stream: TextStreamChatTransport gets the bare text unchanged; the video is stored once", async () => {
    const result = await harness.runClient('ai-text-stream');

    expect(result.received.join('')).toBe(seedDeltas.join(''));
    expect(result.text).toBe(seedAnswer);

    await harness.expectSeedStoredOnce({ endpointUrl: `${harness.site.origin}/api/chat-text` });
  });

  it('a sora2api-style relay: the percent shows while generating, then one done entry with the video', async () => {
    const running = harness.runClient('video-relay');
    // Settled at once so a failure below is this test's, not an unhandled rejection later.
    running.catch(() => undefined);

    // The relay holds its answer after the last progress event: the entry is generating with it.
    const generating = await harness.library.waitForEntry((entry) => entry.status === 'generating' && entry.percent === relayAnswer.percent);
    expect(generating).toMatchObject({ id: `task:${relayAnswer.taskId}:0`, model: 'sora' });
    expect(generating.videoUrl).toBeUndefined();

    const result = await running;
    // Every chunk the SDK yielded is the JSON the server sent ([DONE] ends the iteration).
    const sent = relayEvents.map((event) => event.replace(/^data: /, '').trim()).filter((data) => data !== '[DONE]');
    expect(result.received).toEqual(sent.map((data) => JSON.parse(data) as unknown));
    expect(result.text).toBe(`\`\`\`html\n<video src='${relayAnswer.video}' controls></video>\n\`\`\``);

    const done = await harness.library.waitForEntry((entry) => entry.status === 'done');
    expect(done).toMatchObject({ id: generating.id, videoUrl: relayAnswer.video, taskId: relayAnswer.taskId, model: 'sora' });
    // Reasoning text is never the prompt, and a done entry keeps no percent.
    expect(done.prompt ?? '').toBe('');
    expect(done.percent).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await harness.library.storedEntries()).toHaveLength(1);
  });
});
