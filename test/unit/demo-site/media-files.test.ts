import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadMediaLibrary, parseRange, pickMedia } from '../../demo-site/media-files';

const library = loadMediaLibrary(fileURLToPath(new URL('../../fixtures/', import.meta.url)));

describe('pickMedia', () => {
  it('picks the sample by the name pattern', () => {
    expect(pickMedia(library, '01579f22-094f-11f0-92a2-be9386d3c5e8_cover_0.jpeg')).toBe(library.cover);
    expect(pickMedia(library, 'poster.jpeg')).toBe(library.cover);
    expect(pickMedia(library, '01579f22-094f-11f0-92a2-be9386d3c5e8_0.mp4')).toBe(library.mp4);
    expect(pickMedia(library, 'clip.webm')).toBe(library.webm);
    expect(library.mp4.contentType).toBe('video/mp4');
  });

  it.each(['', '..', '../sample.mp4', '..%2Fsample.mp4', '%2e%2e%2fx.mp4', 'a/b.mp4', 'passwd', '.mp4', 'x.mp4?'])(
    'refuses %j',
    (name) => {
      expect(pickMedia(library, name)).toBeUndefined();
    },
  );
});

describe('parseRange', () => {
  it.each([
    [undefined, { kind: 'full' }],
    ['bytes=0-99', { kind: 'partial', start: 0, end: 99 }],
    ['bytes=100-', { kind: 'partial', start: 100, end: 999 }],
    ['bytes=-10', { kind: 'partial', start: 990, end: 999 }],
    ['bytes=-5000', { kind: 'partial', start: 0, end: 999 }],
    ['bytes=900-5000', { kind: 'partial', start: 900, end: 999 }],
    ['bytes=1000-', { kind: 'unsatisfiable' }],
    ['bytes=5-4', { kind: 'unsatisfiable' }],
    ['bytes=-0', { kind: 'unsatisfiable' }],
    ['bytes=0-1,5-6', { kind: 'full' }],
    ['items=0-1', { kind: 'full' }],
  ])('%j of 1000 bytes', (header, expected) => {
    expect(parseRange(header, 1000)).toEqual(expected);
  });
});
