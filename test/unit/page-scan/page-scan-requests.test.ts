import { describe, expect, it, vi } from 'vitest';
import { dispatchRequest, type RequestHandlers } from '@/src/background/request-handlers';
import { createBackgroundSender } from '@/src/gallery/background-client';

function handlers() {
  const keep = vi.fn<RequestHandlers['keep-found-videos']>(async () => ({ ok: true, added: 1, kept: 1 }));
  const probe = vi.fn<RequestHandlers['probe-video-links']>(async ({ urls }) => ({ verdicts: urls.map(() => 'video' as const) }));
  return { keep, probe, map: { 'keep-found-videos': keep, 'probe-video-links': probe } as unknown as RequestHandlers };
}

describe('the page-scan requests', () => {
  it('route keep-found-videos and probe-video-links to their handlers with checked shapes', async () => {
    const { keep, probe, map } = handlers();
    await dispatchRequest(map, { type: 'keep-found-videos', pageUrl: 'https://a.example/', title: 'T', videos: [{ url: 'https://a.example/1.mp4' }], extra: 1 });
    expect(keep).toHaveBeenCalledWith({ type: 'keep-found-videos', pageUrl: 'https://a.example/', title: 'T', videos: [{ url: 'https://a.example/1.mp4' }] });
    await dispatchRequest(map, { type: 'probe-video-links', urls: ['https://a.example/v'] });
    expect(probe).toHaveBeenCalledWith({ type: 'probe-video-links', urls: ['https://a.example/v'] });
  });

  it('answer nothing to malformed ones', () => {
    const { keep, probe, map } = handlers();
    expect(dispatchRequest(map, { type: 'keep-found-videos', pageUrl: 5, videos: [] })).toBeUndefined();
    expect(dispatchRequest(map, { type: 'keep-found-videos', pageUrl: 'https://a.example/', videos: 'x' })).toBeUndefined();
    expect(dispatchRequest(map, { type: 'probe-video-links', urls: Array.from({ length: 51 }, () => 'https://a.example/') })).toBeUndefined();
    expect(dispatchRequest(map, { type: 'probe-video-links', urls: [1] })).toBeUndefined();
    expect(keep).not.toHaveBeenCalled();
    expect(probe).not.toHaveBeenCalled();
  });

  it('the popup parses their answers, and refuses a verdict it does not know', async () => {
    const send = createBackgroundSender(async (message) =>
      (message as { type: string }).type === 'probe-video-links' ? { verdicts: ['video', 'maybe'] } : { ok: true, added: 2, kept: 3 },
    );
    await expect(send({ type: 'keep-found-videos', pageUrl: 'https://a.example/', videos: [] })).resolves.toEqual({ ok: true, added: 2, kept: 3 });
    await expect(send({ type: 'probe-video-links', urls: [] })).rejects.toMatchObject({ type: 'bad-response' });
  });
});
