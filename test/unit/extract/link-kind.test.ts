import { describe, expect, it } from 'vitest';
import { judgeLink, withoutCoverWords, type LinkClue } from '@/src/extract/link-kind';

const VIDEO = { kind: 'video', unconfirmed: false };
const UNCONFIRMED = { kind: 'video', unconfirmed: true };
const COVER = { kind: 'cover' };
const OTHER = { kind: 'other' };

describe('judgeLink', () => {
  it.each<[string, LinkClue, object]>([
    ['a video file, whatever its label', { url: 'https://cdn.test/a.MP4', label: 'here' }, VIDEO],
    ['a webm with no label at all', { url: 'https://cdn.test/a.webm' }, VIDEO],
    ['a labelled proxy (视频)', { url: 'https://proxy.test/file/abc', label: '视频' }, UNCONFIRMED],
    ['a labelled proxy (点击下载)', { url: 'https://proxy.test/dl?id=1', label: '点击下载' }, UNCONFIRMED],
    ['a labelled proxy (download video)', { url: 'https://proxy.test/dl?id=1', label: 'Download video' }, UNCONFIRMED],
    ['a proxy labelled by the text before it', { url: 'https://proxy.test/dl?id=1', context: '视频地址：' }, UNCONFIRMED],
    ['a server script labelled video', { url: 'https://proxy.test/get.php?id=1', label: 'video' }, UNCONFIRMED],
    ['a <video src> on a proxy', { url: 'https://proxy.test/s/1', hint: 'video' }, UNCONFIRMED],
    ['a proxy whose MIME parameter says video', { url: 'https://b.s3.test/o?response-content-type=video%2Fmp4' }, UNCONFIRMED],
    ['an unlabelled proxy', { url: 'https://proxy.test/file/abc' }, OTHER],
    ['a cover by label', { url: 'https://cdn.test/x.jpg', label: '封面' }, COVER],
    ['a cover proxy by label', { url: 'https://proxy.test/img?id=1', label: 'thumbnail' }, COVER],
    ['a poster attribute', { url: 'https://proxy.test/p/1', hint: 'cover' }, COVER],
    ['an image named cover', { url: 'https://cdn.test/abc_cover_0.jpeg' }, COVER],
    ['a video cover label (视频封面)', { url: 'https://cdn.test/x.png', label: '视频封面' }, COVER],
    ['an OSS snapshot of a video, labelled cover', { url: 'https://b.oss.test/v.mp4?x-oss-process=video/snapshot,t_0', label: '封面' }, COVER],
    ['an unlabelled image', { url: 'https://cdn.test/x.png' }, OTHER],
    ['an image labelled video', { url: 'https://cdn.test/x.png', label: '视频' }, OTHER],
    ['an <img> on a proxy with no cover word', { url: 'https://proxy.test/i/1', hint: 'image', label: 'video' }, OTHER],
    ['a page whose name contains .mp4', { url: 'https://cdn.test/how-to.mp4.html', label: '视频' }, OTHER],
    ['a path through a .mp4 folder', { url: 'https://cdn.test/a.mp4/view', label: '视频' }, OTHER],
    ['a watch page', { url: 'https://www.youtube.com/watch?v=x', label: 'video' }, OTHER],
    ['a bilibili page', { url: 'https://www.bilibili.com/video/BV1xx', label: '视频' }, OTHER],
    ['a document labelled download', { url: 'https://cdn.test/r.pdf', label: 'download' }, OTHER],
    ['an HLS playlist', { url: 'https://cdn.test/index.m3u8', label: 'video' }, OTHER],
  ])('%s', (_, clue, expected) => {
    expect(judgeLink(clue)).toEqual(expected);
  });

  it('lets the word nearest the link decide in free text', () => {
    expect(judgeLink({ url: 'https://proxy.test/v/1', context: '封面在上面，视频：' })).toEqual(UNCONFIRMED);
    expect(judgeLink({ url: 'https://proxy.test/c/1', context: '视频的封面：' })).toEqual(COVER);
  });

  it('lets the link text win over the text before it', () => {
    expect(judgeLink({ url: 'https://proxy.test/c/1', label: 'cover', context: 'video: ' })).toEqual(COVER);
  });
});

describe('withoutCoverWords', () => {
  it('leaves what an alt text says about the target', () => {
    expect(withoutCoverWords('视频封面')).toBe('视频');
    expect(withoutCoverWords('Cover')).toBe('');
  });
});
