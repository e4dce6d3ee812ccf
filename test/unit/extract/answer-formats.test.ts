import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createVideoAnswerReader, type AnswerVideo } from '@/src/extract/video-answer';

const folder = fileURLToPath(new URL('../../fixtures/streams/formats/', import.meta.url));
const texts = readdirSync(folder).filter((name) => name.endsWith('.md') && name !== 'README.md');

interface Expected {
  about: string;
  videos: AnswerVideo[];
}

function read(text: string, pieces: (text: string) => string[]): AnswerVideo[] {
  const reader = createVideoAnswerReader();
  for (const piece of pieces(text)) reader.push(piece);
  reader.end();
  return reader.answer.videos;
}

const whole = (text: string): string[] => [text];
const bySize = (size: number) => (text: string): string[] =>
  Array.from({ length: Math.ceil(text.length / size) }, (_, index) => text.slice(index * size, (index + 1) * size));
const crlf = (text: string): string[] => [text.replace(/\n/g, '\r\n')];

describe('result formats (test/fixtures/streams/formats)', () => {
  it('has an expectation for every fixture text', () => {
    expect(texts.length).toBeGreaterThanOrEqual(12);
    for (const name of texts) expect(readdirSync(folder)).toContain(name.replace(/\.md$/, '.expected.json'));
  });

  for (const name of texts) {
    const text = readFileSync(`${folder}${name}`, 'utf8');
    const expected = JSON.parse(readFileSync(`${folder}${name.replace(/\.md$/, '.expected.json')}`, 'utf8')) as Expected;

    describe(name, () => {
      it(expected.about, () => {
        expect(read(text, whole)).toEqual(expected.videos);
      });

      it('reads the same whatever the chunking (1, 7 and 64 characters; CRLF)', () => {
        for (const pieces of [bySize(1), bySize(7), bySize(64), crlf]) expect(read(text, pieces)).toEqual(expected.videos);
      });

      it('reads the same when split in two at every offset', () => {
        for (let offset = 1; offset < text.length; offset += 1) {
          const videos = read(text, () => [text.slice(0, offset), text.slice(offset)]);
          expect(videos, `split at ${offset}`).toEqual(expected.videos);
        }
      });
    });
  }
});
