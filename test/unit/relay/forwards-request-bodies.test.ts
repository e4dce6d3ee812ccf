import { describe, expect, it } from 'vitest';
import { forwardsRequestBodies } from '@/src/relay/forwards-request-bodies';
import { CAPTURE_MATCHES } from '@/src/sites/capture-sites';
import { VIDEO_APP_MATCHES, VIDEO_APPS } from '@/src/sites/video-apps';

const manifest = { host_permissions: VIDEO_APP_MATCHES };

describe('forwardsRequestBodies', () => {
  it("forwards on every video app's pages (the manifest's host_permissions), subdomains included", () => {
    for (const app of VIDEO_APPS) {
      for (const host of app.hosts) {
        expect(forwardsRequestBodies(manifest, `https://${host}/create`), host).toBe(true);
        expect(forwardsRequestBodies(manifest, `https://www.${host}/create`), host).toBe(true);
      }
    }
  });

  it('keeps a chat request body on the page on every chat site, on loopback and on a site the user added', () => {
    for (const url of ['http://localhost:3000/', 'http://127.0.0.1:8080/c/1', 'https://chatgpt.com/c/1', 'https://lobechat.com/chat', 'https://open.bigmodel.cn/', 'https://chat.example/']) {
      expect(forwardsRequestBodies(manifest, url), url).toBe(false);
    }
    expect(CAPTURE_MATCHES.some((pattern) => VIDEO_APP_MATCHES.includes(pattern))).toBe(false);
    expect(forwardsRequestBodies({}, 'https://klingai.com/')).toBe(false);
  });
});
