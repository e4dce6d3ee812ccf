import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importChatHistory } from '@/src/library/import-chat-history';
import type { EntryUpdate } from '@/src/store/merge-entry';

const fixture = (name: string): string => readFileSync(new URL(`../../fixtures/chat-history/${name}`, import.meta.url), 'utf8');
const summary = (updates: EntryUpdate[]) =>
  updates.map(({ id, videoUrl, coverUrl, prompt, model, status, source, needsCheck }) => ({ id, videoUrl, coverUrl, prompt, model, status, source, needsCheck }));

describe('importChatHistory', () => {
  it('reads a NextChat backup: every video of every answer, with the user message before it', () => {
    const imported = importChatHistory(fixture('nextchat-backup.json'));
    expect(imported?.app).toBe('NextChat');
    expect(imported?.chats).toBe(2);
    expect(summary(imported?.updates ?? [])).toEqual([
      {
        id: 'url:https://cdn.video.example/fox/fox.mp4',
        videoUrl: 'https://cdn.video.example/fox/fox.mp4?Expires=4102444800&Signature=abc',
        coverUrl: 'https://cdn.video.example/fox/cover.jpg',
        prompt: '生成视频：雪地里的一只红狐狸',
        model: 'veo-3',
        status: 'done',
        source: 'chat-history',
        needsCheck: undefined,
      },
      {
        id: 'url:https://cdn.video.example/fox/jump.webm',
        videoUrl: 'https://cdn.video.example/fox/jump.webm',
        coverUrl: undefined,
        prompt: 'make the fox jump',
        model: 'veo-3',
        status: 'done',
        source: 'chat-history',
        needsCheck: undefined,
      },
    ]);
    expect(imported?.updates[0]).toMatchObject({ expiresAt: 4102444800000, site: 'https://cdn.video.example', index: 0 });
  });

  it('reads an Open WebUI chat export: every answer of the tree (regenerated ones too), prompt up the parent chain', () => {
    const imported = importChatHistory(fixture('open-webui-chat-export.json'));
    expect(imported?.app).toBe('Open WebUI');
    expect(imported?.chats).toBe(1);
    expect(summary(imported?.updates ?? [])).toEqual([
      {
        id: 'url:https://media.owl.example/v/owl-1.mp4',
        videoUrl: 'https://media.owl.example/v/owl-1.mp4',
        coverUrl: 'https://media.owl.example/v/owl-1.jpg',
        prompt: 'an owl flying at night',
        model: 'sora-2',
        status: 'done',
        source: 'chat-history',
        needsCheck: undefined,
      },
      {
        id: 'url:https://media.owl.example/v/owl-2.mp4',
        videoUrl: 'https://media.owl.example/v/owl-2.mp4',
        coverUrl: undefined,
        prompt: 'an owl flying at night',
        model: 'sora-2',
        status: 'done',
        source: 'chat-history',
        needsCheck: undefined,
      },
      {
        id: 'url:https://media.owl.example/v/owl-snow.mp4',
        videoUrl: 'https://media.owl.example/v/owl-snow.mp4',
        coverUrl: 'https://media.owl.example/v/owl-snow.jpg',
        prompt: 'now with snow',
        model: 'sora-2',
        status: 'done',
        source: 'chat-history',
        needsCheck: undefined,
      },
    ]);
  });

  it('reads a LobeChat export: chats are session topics, the task line names the prompt, order by createdAt', () => {
    const imported = importChatHistory(fixture('lobechat-export.json'));
    expect(imported?.app).toBe('LobeChat');
    expect(imported?.chats).toBe(2);
    expect(summary(imported?.updates ?? [])).toEqual([
      {
        id: 'url:https://cdn.kling.example/88/video.mp4',
        videoUrl: 'https://cdn.kling.example/88/video.mp4',
        coverUrl: undefined,
        prompt: 'a cat surfing a big wave',
        model: 'kling-2',
        status: 'done',
        source: 'chat-history',
        needsCheck: undefined,
      },
      {
        id: 'url:https://cdn.kling.example/90/clip.mov',
        videoUrl: 'https://cdn.kling.example/90/clip.mov',
        coverUrl: undefined,
        prompt: 'a dog on a skateboard',
        model: 'kling-2',
        status: 'done',
        source: 'chat-history',
        needsCheck: undefined,
      },
    ]);
    // The task's input image is input, never a result.
    expect(JSON.stringify(imported?.updates)).not.toContain('uploads.example');
  });

  it('keeps a labelled proxy link for a later check, and a video named twice once', () => {
    const backup = {
      'chat-next-web-store': {
        sessions: [
          {
            messages: [
              { role: 'user', content: 'p1' },
              { role: 'assistant', content: '[下载视频](https://proxy.example/file?id=9)\n\nagain: https://proxy.example/file?id=9' },
              { role: 'assistant', content: '<video src="javascript:alert(1)"></video> [x](data:video/mp4;base64,AA)' },
            ],
          },
        ],
      },
    };
    const imported = importChatHistory(JSON.stringify(backup));
    expect(summary(imported?.updates ?? [])).toEqual([
      { id: 'url:https://proxy.example/file?id=9', videoUrl: 'https://proxy.example/file?id=9', coverUrl: undefined, prompt: 'p1', model: undefined, status: 'done', source: 'chat-history', needsCheck: true },
    ]);
  });

  it('is undefined for anything else, so other importers get their turn, and survives hostile shapes', () => {
    expect(importChatHistory('data: {"choices":[]}\n\n')).toBeUndefined();
    expect(importChatHistory('{"log":{"entries":[]}}')).toBeUndefined();
    expect(importChatHistory('{not json')).toBeUndefined();
    expect(importChatHistory('[1,2,3]')).toBeUndefined();
    expect(importChatHistory('{"chat-next-web-store":{"sessions":[null,{"messages":[null,{"role":"assistant","content":5}]}]}}')).toEqual({ app: 'NextChat', chats: 1, updates: [] });
    // A parentId cycle ends.
    const cycle = [{ chat: { history: { messages: { a: { role: 'assistant', parentId: 'b', content: 'https://x.example/a.mp4' }, b: { role: 'assistant', parentId: 'a', content: '' } } } } }];
    expect(importChatHistory(JSON.stringify(cycle))?.updates.map((update) => update.prompt)).toEqual([undefined]);
  });
});
