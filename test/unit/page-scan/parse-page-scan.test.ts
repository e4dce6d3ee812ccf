import { describe, expect, it } from 'vitest';
import { MAX_FOUND_VIDEOS, parseKeptVideos, parsePageScan } from '@/src/page-scan/parse-page-scan';
import { videoKey } from '@/src/extract/video-key';

const frame = (items: unknown[], frameId = 0) => ({ frameId, result: { pageUrl: 'https://chat.example/c/1', title: 'Chat', items } });

describe('parsePageScan', () => {
  it('offers <video> sources with their poster, links to video files and loaded media, once per video', () => {
    const scan = parsePageScan([
      frame([
        { kind: 'video', url: 'https://cdn.example/a.mp4?X-Amz-Signature=1', poster: 'https://cdn.example/a.jpg', prompt: 'a dog running' },
        { kind: 'resource', url: 'https://cdn.example/a.mp4?X-Amz-Signature=2' },
        { kind: 'link', url: 'https://files.example/b.webm', label: 'b.webm', prompt: 'a cat' },
      ]),
      frame([{ kind: 'video', url: 'https://cdn.example/c', poster: 'https://cdn.example/c-poster' }], 3),
    ]);
    expect(scan.videos).toEqual([
      { url: 'https://cdn.example/a.mp4?X-Amz-Signature=1', key: videoKey('https://cdn.example/a.mp4'), coverUrl: 'https://cdn.example/a.jpg', prompt: 'a dog running' },
      { url: 'https://files.example/b.webm', key: 'https://files.example/b.webm', prompt: 'a cat' },
      { url: 'https://cdn.example/c', key: 'https://cdn.example/c', coverUrl: 'https://cdn.example/c-poster' },
    ]);
    expect(scan.labelled).toEqual([]);
  });

  it('never offers images, pages, javascript:, data: or blob: addresses, and counts stream videos', () => {
    const scan = parsePageScan([
      frame([
        { kind: 'video', url: 'blob:https://chat.example/5d1e' },
        { kind: 'video', url: 'data:video/mp4;base64,AAAA' },
        { kind: 'link', url: 'javascript:play()', label: 'video' },
        { kind: 'link', url: 'https://chat.example/avatar.png', label: 'video avatar' },
        { kind: 'link', url: 'https://chat.example/how-to.mp4.html', label: 'video' },
        { kind: 'resource', url: 'https://chat.example/poster.jpg' },
        { kind: 'link', url: 'https://www.youtube.com/watch?v=x', label: 'video' },
        { kind: 'stream', url: '' },
        { kind: 'stream', url: '' },
      ]),
    ]);
    expect(scan.videos).toEqual([]);
    expect(scan.labelled).toEqual([]);
    expect(scan.streams).toBe(2);
  });

  it('holds back links only a label calls a video, for a HEAD check, unless another item confirms them', () => {
    const scan = parsePageScan([
      frame([
        { kind: 'link', url: 'https://proxy.example/file?id=7', label: '下载视频' },
        { kind: 'link', url: 'https://proxy.example/file?id=8', label: 'video' },
        { kind: 'video', url: 'https://proxy.example/file?id=8' },
      ]),
    ]);
    expect(scan.labelled.map((video) => video.url)).toEqual(['https://proxy.example/file?id=7']);
    expect(scan.videos.map((video) => video.url)).toEqual(['https://proxy.example/file?id=8']);
  });

  it('survives hostile shapes: not an array, junk items, huge strings, too many videos', () => {
    expect(parsePageScan('nope')).toEqual({ videos: [], labelled: [], streams: 0 });
    expect(parsePageScan([null, 1, { result: { items: 'x' } }, { result: { items: [null, { kind: 'evil' }, { kind: 'video', url: 5 }] } }]).videos).toEqual([]);
    const long = parsePageScan([frame([{ kind: 'video', url: `https://a.example/${'x'.repeat(5000)}.mp4` }])]);
    expect(long.videos).toEqual([]);
    const prompt = parsePageScan([frame([{ kind: 'video', url: 'https://a.example/1.mp4', prompt: `  ${'词'.repeat(3000)}\u0000  ` }])]);
    expect(prompt.videos[0]?.prompt).toHaveLength(500);
    const many = Array.from({ length: 10 }, (_, index) =>
      frame(Array.from({ length: 300 }, (_item, n) => ({ kind: 'video', url: `https://a.example/${index}-${n}.mp4` })), index),
    );
    expect(parsePageScan(many).videos).toHaveLength(MAX_FOUND_VIDEOS);
  });
});

describe('parseKeptVideos', () => {
  it('keeps http(s) videos with an http(s) cover and a bounded prompt, once each', () => {
    expect(
      parseKeptVideos([
        { url: 'https://a.example/1.mp4', key: 'forged', coverUrl: 'javascript:alert(1)', prompt: 'x'.repeat(900) },
        { url: 'https://a.example/1.mp4' },
        { url: 'https://a.example/2.png' },
        { url: 'file:///etc/passwd.mp4' },
        'junk',
      ]),
    ).toEqual([{ url: 'https://a.example/1.mp4', key: 'https://a.example/1.mp4', prompt: 'x'.repeat(500) }]);
    expect(parseKeptVideos({})).toEqual([]);
  });
});
