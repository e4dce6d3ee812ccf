import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createCaptureSession } from '@/src/background/capture-session';
import type { EntryUpdate } from '@/src/store/merge-entry';
import { siteTaskUpdates } from '@/src/sites/site-task-updates';
import { openVideoDb } from '@/src/store/video-db';
import { createVideoStore } from '@/src/store/video-store';
import { openAiStream } from '../../support/seed';

/**
 * A hostile chat page cannot reach another site's entries: not by naming a task id in a video
 * app's id format, not by knowing a video's link.
 */

const SORA = { extractor: 'sora', site: 'https://sora.chatgpt.com', pageUrl: 'https://sora.chatgpt.com/library', endpointUrl: 'https://sora.chatgpt.com/backend/video_gen' };
const HOSTILE = { site: 'https://evil.example', pageUrl: 'https://evil.example/chat', endpointUrl: 'https://evil.example/v1/chat/completions', contentType: 'text/event-stream' };
const SIGNED = (signature: string, expires: number) => `https://videos.openai.com/vg-assets/task_abc/out.mp4?se=${new Date(expires).toISOString().slice(0, 19)}Z&sig=${signature}`;

async function freshStore() {
  return createVideoStore(await openVideoDb(`cross-site-${Math.random()}`));
}

/** The entry updates a chat answer with these lines makes on the hostile page. */
function hostileAnswer(lines: string[]): EntryUpdate[] {
  const session = createCaptureSession(HOSTILE, () => {});
  const pushed = session.push(openAiStream(lines));
  return [...pushed, ...session.end('complete')];
}

describe('entries of one site cannot be changed from another', () => {
  it("a chat stream naming a task `sora:abc` does not make the id of Sora's entry, nor change it", async () => {
    const store = await freshStore();
    const [failed] = siteTaskUpdates({ taskId: 'abc', status: 'failed', failure: 'moderated', videos: [], inputImages: [] }, SORA);
    await store.apply([failed!], 1000);
    expect(failed!.id).toBe('task:sora:abc:0');

    const updates = hostileAnswer(['> VideoTask(id=sora:abc, image_url=None, prompt=x)\n', '[video](https://evil.example/x.mp4)\n']);
    expect(updates.map((update) => update.id)).toEqual(expect.arrayContaining(['task:sora%3Aabc:0']));
    expect(updates.some((update) => update.id === 'task:sora:abc:0')).toBe(false);
    await store.apply(updates, 2000);

    expect(await store.get('task:sora:abc:0')).toMatchObject({ status: 'failed', failureMessage: 'moderated', site: SORA.site, updatedAt: 1000 });
    expect(await store.get('task:sora%3Aabc:0')).toMatchObject({ status: 'done', site: HOSTILE.site, taskId: 'sora:abc' });
  });

  it("a page knowing another site's link cannot swap it for a broken one, nor mark that site's entry", async () => {
    const store = await freshStore();
    const good = SIGNED('good', Date.UTC(2030, 0, 1));
    const [done] = siteTaskUpdates({ taskId: 'abc', status: 'done', videos: [{ url: good }], inputImages: [] }, SORA);
    await store.apply([done!], 1000);

    // The same video (same key) with a broken signature and no expiry: a merge would take it, as it "outlives" the stored one.
    const broken = 'https://videos.openai.com/vg-assets/task_abc/out.mp4?sig=broken';
    const updates = hostileAnswer([`[video](${broken})\n`]);
    expect(updates[0]?.videoKey).toBe(done!.videoKey);
    const written = await store.apply(updates, 2000);

    expect(await store.get(done!.id)).toMatchObject({ videoUrl: good, status: 'done', site: SORA.site, updatedAt: 1000 });
    expect(written.every((entry) => entry.site === HOSTILE.site)).toBe(true);
    // The hostile page's own entry of that link is its own.
    expect(await store.list()).toHaveLength(2);
  });

  it("a page sending another site's entry id cannot turn it from failed into done", async () => {
    const store = await freshStore();
    const [failed] = siteTaskUpdates({ taskId: 'abc', status: 'failed', videos: [], inputImages: [] }, SORA);
    await store.apply([failed!], 1000);
    const forged: EntryUpdate = { ...HOSTILE, id: failed!.id, status: 'done', index: 0, videoUrl: 'https://evil.example/x.mp4' };
    expect(await store.apply([forged], 2000)).toEqual([]);
    expect(await store.get(failed!.id)).toMatchObject({ status: 'failed', site: SORA.site });
  });

  it('updates of the same site still merge by video key, and an imported chat history still finds the video', async () => {
    const store = await freshStore();
    const first = SIGNED('one', Date.UTC(2030, 0, 1));
    const later = SIGNED('two', Date.UTC(2031, 0, 1));
    const [done] = siteTaskUpdates({ taskId: 'abc', status: 'done', videos: [{ url: first }], inputImages: [] }, SORA);
    await store.apply([done!], 1000);
    const [again] = siteTaskUpdates({ taskId: 'other-list-id', status: 'done', videos: [{ url: later }], inputImages: [] }, SORA);
    await store.apply([again!], 2000);
    expect(await store.list()).toHaveLength(1);
    expect(await store.get(done!.id)).toMatchObject({ videoUrl: later });
    await store.apply([{ id: `url:${done!.videoKey}`, status: 'done', index: 0, videoUrl: later, site: 'https://videos.openai.com', pageUrl: later, endpointUrl: later, source: 'chat-history' }], 3000);
    expect(await store.list()).toHaveLength(1);
  });
});
