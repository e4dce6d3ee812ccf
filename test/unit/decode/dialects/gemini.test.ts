import { describe, expect, it } from 'vitest';
import { gemini } from '@/src/decode/dialects/gemini';
import { expectFixture, fixturesOf, runText } from './fixture-runner';

describe('gemini dialect', () => {
  for (const fixture of fixturesOf('gemini')) {
    it(`reads ${fixture.file} (${fixture.expected.basedOn.split(':')[0]})`, () => expectFixture(fixture));
  }

  it('reads candidate 0 only, skips thought parts and drops the models/ prefix', () => {
    const reader = gemini.create();
    const read = reader.read({
      json: {
        candidates: [
          { index: 1, content: { parts: [{ text: 'other' }] } },
          { index: 0, content: { parts: [{ text: 'plan', thought: true }, { text: 'an' }, { text: 'swer' }] }, finishReason: 'STOP' },
        ],
        modelVersion: 'models/gemini-2.5-flash-preview-05-20',
      },
    });
    expect(read).toEqual({ text: 'answer', model: 'gemini-2.5-flash-preview-05-20', finished: true });
  });

  it('reports a blocked prompt', () => {
    const body = [{ promptFeedback: { blockReason: 'SAFETY' }, usageMetadata: { promptTokenCount: 5 }, modelVersion: 'gemini-2.0-flash' }];
    expect(runText('application/json', [JSON.stringify(body)])).toMatchObject({ text: '', finished: true, issues: ['server-error'] });
  });

  it('reads the array stream when the content type says nothing', () => {
    const element = (text: string) => JSON.stringify({ candidates: [{ content: { parts: [{ text }], role: 'model' }, index: 0 }] });
    const body = `[${element('a')}\n,\r\n${element('b')}\n]`;
    expect(runText('application/octet-stream', [body.slice(0, 7), body.slice(7)])).toMatchObject({ text: 'ab', issues: [] });
  });

  it('leaves other dialects alone', () => {
    const reader = gemini.create();
    expect(reader.read({ json: { choices: [] } })).toBeUndefined();
    expect(reader.read({ json: { promptFeedback: {} } })).toBeUndefined();
  });
});
