import { describe, expect, it } from 'vitest';
import { createVideoAnswerReader } from '@/src/extract/video-answer';
import { seedExpected } from '../../support/seed';

function read(text: string, pieceSize = text.length) {
  const reader = createVideoAnswerReader();
  for (let at = 0; at < text.length; at += pieceSize) reader.push(text.slice(at, at + pieceSize));
  reader.end();
  return reader.answer;
}

const BASE = 'https://aigc-files.bigmodel.cn/api/cogvideo/';
const resultBlock = (id: string, withImageLine = false) =>
  `[^1]: [封面](${BASE}${id}_cover_0.jpeg)\n\n[^2]: [视频](${BASE}${id}_0.mp4)\n\n[视频](${BASE}${id}_0.mp4)[^1][^2]\n\n` +
  (withImageLine ? `![视频](${BASE}${id}_0.mp4)[^1][^2]\n\n` : '');

describe('createVideoAnswerReader', () => {
  it('reads the seed: task, progress, success, one video with its cover', () => {
    const answer = read(seedExpected.content);
    const expected = seedExpected.videos[0]!;
    expect(answer.task).toEqual({ id: expected.taskId, prompt: expected.prompt });
    expect(answer.progress).toBe(6);
    expect(answer.succeeded).toBe(true);
    expect(answer.videos).toEqual([{ videoUrl: expected.video, coverUrl: expected.cover }]);
  });

  it('gives the same answer when the text arrives one character at a time', () => {
    expect(read(seedExpected.content, 1)).toEqual(read(seedExpected.content));
  });

  it('counts progress marks while the progress line is still streaming', () => {
    const reader = createVideoAnswerReader();
    reader.push('> VideoTask(id=42, image_url=None, prompt=a cat)\n[🤫 任务进度](🔥');
    expect(reader.answer.task?.id).toBe('42');
    expect(reader.answer.progress).toBe(1);
    expect(reader.push('🔥🔥')).toBe(true);
    expect(reader.answer.progress).toBe(3);
    expect(reader.answer.succeeded).toBe(false);
  });

  it('reads every video of a multi-video answer, each with its own cover', () => {
    const text =
      '> VideoTask(id=7, image_url=None, prompt=two dogs)\n[🤫 任务进度](🔥🔥)🎉🎉🎉\n\n' +
      resultBlock('aaa') +
      resultBlock('bbb');
    expect(read(text).videos).toEqual([
      { videoUrl: `${BASE}aaa_0.mp4`, coverUrl: `${BASE}aaa_cover_0.jpeg` },
      { videoUrl: `${BASE}bbb_0.mp4`, coverUrl: `${BASE}bbb_cover_0.jpeg` },
    ]);
  });

  it('keeps one video when newer producers add an image-syntax line', () => {
    const text = '> VideoTask(id=8, image_url=None, prompt=p)\n[🤫 任务进度](🔥)🎉🎉🎉\n\n' + resultBlock('ccc', true);
    expect(read(text).videos).toHaveLength(1);
  });

  it('records the input image of image-to-video and never takes it for a result', () => {
    const image = 'https://example.com/uploads/dog.png';
    const text =
      `> VideoTask(id=9, image_url=${image}, prompt=make it run)\n[🤫 任务进度](🔥)🎉🎉🎉\n\n` +
      `[输入](${image})\n\n` +
      resultBlock('ddd');
    const answer = read(text);
    expect(answer.task).toEqual({ id: '9', prompt: 'make it run', inputImageUrl: image });
    expect(answer.videos.map((video) => video.videoUrl)).toEqual([`${BASE}ddd_0.mp4`]);
  });

  it('finds no video when the task fails (progress never closes)', () => {
    const answer = read('> VideoTask(id=10, image_url=None, prompt=p)\n[🤫 任务进度](🔥🔥🔥🔥');
    expect(answer.task?.id).toBe('10');
    expect(answer.progress).toBe(4);
    expect(answer.succeeded).toBe(false);
    expect(answer.videos).toEqual([]);
  });

  it('keeps prompts with commas, parentheses and brackets whole', () => {
    const answer = read('> VideoTask(id=11, image_url=None, prompt=a dog (small), running [fast])\n');
    expect(answer.task?.prompt).toBe('a dog (small), running [fast]');
  });

  it('ignores links inside the prompt echo and links that are not http(s)', () => {
    const text =
      '> VideoTask(id=12, image_url=None, prompt=like [this](https://x.test/a.mp4))\n' +
      '[视频](javascript:alert(1))\n[视频](data:video/mp4;base64,AAAA)\n[视频](file:///etc/passwd.mp4)\n';
    expect(read(text).videos).toEqual([]);
  });

  it('does not take web pages whose names merely contain .mp4 for videos', () => {
    const text = '[guide](https://example.com/how-to-play.mp4.html)\n[page](https://example.com/a.mp4/view)\n';
    expect(read(text).videos).toEqual([]);
  });

  it('pairs a cover written after its video with that video', () => {
    const text = '[视频](https://cdn.test/v.mp4)\n[封面](https://cdn.test/v.jpg)\n';
    expect(read(text).videos).toEqual([{ videoUrl: 'https://cdn.test/v.mp4', coverUrl: 'https://cdn.test/v.jpg' }]);
  });

  it('skips a hostile endless line without buffering it', () => {
    const reader = createVideoAnswerReader();
    for (let index = 0; index < 200; index += 1) reader.push('x'.repeat(1000));
    reader.push('\n[视频](https://cdn.test/after.mp4)\n');
    reader.end();
    expect(reader.answer.videos.map((video) => video.videoUrl)).toEqual(['https://cdn.test/after.mp4']);
  });

  it('marks a labelled proxy link as an unconfirmed video, and a video file as confirmed', () => {
    const text = '[下载视频](https://proxy.test/files/abc/content)\n[视频](https://cdn.test/v.mp4)\n';
    expect(read(text).videos).toEqual([
      { videoUrl: 'https://proxy.test/files/abc/content', unconfirmed: true },
      { videoUrl: 'https://cdn.test/v.mp4' },
    ]);
  });

  it('takes nothing from a leading quote of the prompt, however it is written', () => {
    const text =
      '> 用户：参考 https://x.test/ref.mp4 和 <video src="https://x.test/q.mp4"></video>\n' +
      '>\n> [视频](https://x.test/quoted.mp4)\n\n' +
      '结果：[视频](https://cdn.test/result.mp4)\n';
    expect(read(text).videos.map((video) => video.videoUrl)).toEqual(['https://cdn.test/result.mp4']);
  });

  it('never takes the input image for a cover', () => {
    const image = 'https://example.com/uploads/dog_cover.png';
    const text = `> VideoTask(id=13, image_url=${image}, prompt=p)\n[封面](${image})\n[视频](https://cdn.test/v.mp4)\n`;
    expect(read(text).videos).toEqual([{ videoUrl: 'https://cdn.test/v.mp4' }]);
  });

  it('keeps one video when the answer names it again with a fresh signature', () => {
    const signed = (expires: number) => `https://b.oss-cn-beijing.aliyuncs.com/v.mp4?OSSAccessKeyId=L&Expires=${expires}&Signature=s${expires}`;
    const text = `[视频](${signed(1)})\n<video src="${signed(2)}"></video>\n${signed(3)}\n`;
    expect(read(text).videos).toEqual([{ videoUrl: signed(1) }]);
  });

  it('reports a change when a cover arrives for a video already found', () => {
    const reader = createVideoAnswerReader();
    expect(reader.push('[视频](https://cdn.test/a.mp4)\n')).toBe(true);
    expect(reader.push('[封面](https://cdn.test/a.jpg)\n')).toBe(true);
    expect(reader.push('plain text\n')).toBe(false);
    expect(reader.answer.videos).toEqual([{ videoUrl: 'https://cdn.test/a.mp4', coverUrl: 'https://cdn.test/a.jpg' }]);
  });
});
