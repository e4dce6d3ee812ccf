import { describe, expect, it } from 'vitest';
import { createOpenWebUiEventReader, MAX_TRACKED_MESSAGES } from '@/src/transport/open-webui-events';
import { seedExpected } from '../../support/seed';

const event = (type: string, data: unknown, messageId = 'm1') => ({ chat_id: 'c1', message_id: messageId, data: { type, data } });

/** How Open WebUI's backend streams an answer: the cumulative content on every delta, then done. */
function openWebUiStream(content: string, pieces: number): unknown[] {
  const chars = Array.from(content);
  const step = Math.ceil(chars.length / pieces);
  const events: unknown[] = [event('status', { description: 'Generating', done: false })];
  for (let end = step; end < chars.length + step; end += step) {
    events.push(event('chat:completion', { content: chars.slice(0, end).join('') }));
  }
  // The last event strips trailing white space, like the backend's clean-up of the last text block.
  events.push(event('chat:completion', { done: true, content: content.trim(), title: 'Dog' }));
  return events;
}

describe('createOpenWebUiEventReader', () => {
  it('turns cumulative chat:completion content into the answer, delta by delta', () => {
    const reader = createOpenWebUiEventReader();
    const updates = openWebUiStream(seedExpected.content, 17).map((payload) => reader.read(payload)!);
    expect(updates.map((update) => update.text).join('')).toBe(seedExpected.content);
    expect(updates.some((update) => update.rewritten)).toBe(false);
    expect(updates.at(-1)).toMatchObject({ chatId: 'c1', messageId: 'm1', text: '', done: true, content: seedExpected.content.trim() });
    expect(updates.slice(0, -1).every((update) => !update.done)).toBe(true);
  });

  it('appends OpenAI chunks passed through and chat:message:delta / message events', () => {
    const reader = createOpenWebUiEventReader();
    const texts = [
      event('chat:completion', { choices: [{ delta: { content: 'Hel' } }], model: 'cogvideox' }),
      event('chat:message:delta', { content: 'lo' }),
      event('message', { content: ', ' }),
      event('chat:completion', { choices: [{ message: { content: 'world' } }] }),
    ].map((payload) => reader.read(payload));
    expect(texts.map((update) => update?.text)).toEqual(['Hel', 'lo', ', ', 'world']);
    expect(texts[0]?.model).toBe('cogvideox');
    expect(texts.at(-1)?.content).toBe('Hello, world');
  });

  it('replaces with chat:message / replace and output items, and says when it cannot append', () => {
    const reader = createOpenWebUiEventReader();
    reader.read(event('replace', { content: 'abc' }));
    expect(reader.read(event('chat:message', { content: 'abcdef' }))).toMatchObject({ text: 'def', rewritten: false });
    expect(reader.read(event('chat:message', { content: 'abXY' }))).toMatchObject({ text: 'XY', rewritten: true, content: 'abXY' });
    const output = [
      { type: 'reasoning', content: [{ type: 'output_text', text: 'hidden' }] },
      { type: 'message', content: [{ type: 'output_text', text: 'abXY' }, { type: 'output_text', text: '!' }] },
    ];
    expect(reader.read(event('chat:completion', { output, done: true }))).toMatchObject({ text: '!', done: true });
  });

  it('ignores an empty content, as Open WebUI does, and never splits a surrogate pair', () => {
    const reader = createOpenWebUiEventReader();
    reader.read(event('chat:completion', { content: 'dog 🐕' }));
    expect(reader.read(event('chat:completion', { content: '' }))).toMatchObject({ text: '', content: 'dog 🐕' });
    expect(reader.read(event('chat:completion', { content: 'dog 🐈' }))).toMatchObject({ text: '🐈', rewritten: true });
  });

  it('keeps messages apart and forgets the oldest past its limit', () => {
    const reader = createOpenWebUiEventReader();
    reader.read(event('chat:completion', { content: 'first' }, 'a'));
    reader.read(event('chat:completion', { content: 'second' }, 'b'));
    expect(reader.read(event('chat:completion', { content: 'first answer' }, 'a'))?.text).toBe(' answer');
    for (let index = 0; index < MAX_TRACKED_MESSAGES; index += 1) reader.read(event('status', {}, `x${index}`));
    expect(reader.read(event('chat:completion', { content: 'first answer!' }, 'a'))?.text).toBe('first answer!');
  });

  it('reads status and other events as no text, and refuses what is not a chat-events payload', () => {
    const reader = createOpenWebUiEventReader();
    expect(reader.read(event('status', { description: 'Searching' }))).toMatchObject({ text: '', done: false });
    for (const bad of [null, 'x', [], {}, { message_id: 1, data: {} }, { message_id: 'm', data: 'x' }, { message_id: 'm', data: {} }]) {
      expect(reader.read(bad)).toBeUndefined();
    }
  });
});
