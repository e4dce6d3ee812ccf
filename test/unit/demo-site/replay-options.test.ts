import { describe, expect, it } from 'vitest';
import { DEFAULT_PACE, parseReplayOptions } from '../../demo-site/replay-options';
import { readUserPrompt } from '../../demo-site/user-prompt';

const parse = (query: string) => parseReplayOptions(new URLSearchParams(query));

describe('parseReplayOptions', () => {
  it('defaults to the paced demo form', () => {
    expect(parse('')).toEqual({
      ok: true,
      options: { source: 'demo', pace: DEFAULT_PACE, slice: undefined, holdMs: undefined, fail: false },
    });
  });

  it('reads every parameter', () => {
    expect(parse('source=fixture&pace=0&slice=7&maxSlice=5&hold=3000&fail=1')).toEqual({
      ok: true,
      options: { source: 'fixture', pace: 0, slice: { seed: 7, maxSlice: 5 }, holdMs: 3000, fail: true },
    });
    expect(parse('slice=3')).toMatchObject({ options: { slice: { seed: 3, maxSlice: 64 } } });
  });

  it.each(['source=x', 'pace=-1', 'pace=', 'pace=fast', 'slice=1.5', 'maxSlice=0', 'hold=-5', 'fail=yes'])(
    'names the bad parameter in %j',
    (query) => {
      const parsed = parse(query);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message).toContain(query.split('=')[0]);
    },
  );
});

describe('readUserPrompt', () => {
  it('takes the last user message, as a string or text parts', () => {
    const body = (messages: unknown) => JSON.stringify({ model: 'm', messages });
    const turns = [
      { role: 'user', content: 'a' },
      { role: 'assistant', content: 'b' },
      { role: 'user', content: '一只猫' },
    ];
    expect(readUserPrompt(body(turns))).toBe('一只猫');
    const parts = [{ type: 'text', text: 'x' }, { type: 'image_url' }, { type: 'text', text: 'y' }];
    expect(readUserPrompt(body([{ role: 'user', content: parts }]))).toBe('xy');
    expect(readUserPrompt(body([{ role: 'system', content: 's' }]))).toBeUndefined();
    expect(readUserPrompt('not json')).toBeUndefined();
    expect(readUserPrompt('')).toBeUndefined();
  });
});
