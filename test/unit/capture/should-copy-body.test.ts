import { describe, expect, it } from 'vitest';
import { shouldCopyBody, shouldCopySocket } from '@/src/capture/should-copy-body';

describe('shouldCopyBody', () => {
  it('copies every event stream', () => {
    expect(shouldCopyBody('text/event-stream; charset=utf-8', 'https://x.test/anything', -1)).toBe(true);
  });

  it('copies JSON and NDJSON only from chat-like endpoints', () => {
    expect(shouldCopyBody('application/json', 'http://localhost:3000/v1/chat/completions', 1000)).toBe(true);
    expect(shouldCopyBody('application/x-ndjson', 'http://localhost:11434/api/chat', -1)).toBe(true);
    expect(shouldCopyBody('application/json', 'http://localhost:3000/api/config', 1000)).toBe(false);
    // The query string does not make an endpoint chat-like.
    expect(shouldCopyBody('application/json', 'http://localhost:3000/api/config?chat=1', 1000)).toBe(false);
  });

  it('copies multipart/mixed GraphQL answers (Meta AI) from a video app’s hosts or chat-like endpoints only; the apps’ odd paths on their hosts', () => {
    expect(shouldCopyBody('multipart/mixed; boundary="-"; deferSpec=20220824', 'https://www.meta.ai/api/graphql', -1, ['meta.ai'])).toBe(true);
    expect(shouldCopyBody('multipart/mixed; boundary="-"; deferSpec=20220824', 'https://www.meta.ai/api/graphql', -1)).toBe(false);
    expect(shouldCopyBody('multipart/mixed; boundary=-', 'https://x.test/api/chat', -1)).toBe(true);
    expect(shouldCopyBody('multipart/mixed; boundary=abc', 'https://x.test/media/upload', -1)).toBe(false);
    expect(shouldCopyBody('multipart/byteranges; boundary=abc', 'https://www.meta.ai/api/graphql', -1, ['meta.ai'])).toBe(false);
    expect(shouldCopyBody('multipart/x-mixed-replace; boundary=frame', 'https://cam.test/video/stream', -1)).toBe(false);
    expect(shouldCopyBody('Multipart/Mixed; boundary=-', 'https://www.meta.ai/api/graphql', -1, ['meta.ai'])).toBe(true);
    expect(shouldCopyBody('Application/JSON', 'https://chat.qwen.ai/api/v1/tasks/status/1', 10)).toBe(true);
    expect(shouldCopyBody('application/json', 'https://www.doubao.com/im/chain/single?aid=1', 1000, ['doubao.com'])).toBe(true);
    expect(shouldCopyBody('application/json', 'https://create.wan.video/wanx/api/common/imageGen', 1000, ['wan.video'])).toBe(true);
    // Off the app's pages, a path with no chat word is not copied.
    expect(shouldCopyBody('application/json', 'https://www.doubao.com/im/chain/single?aid=1', 1000)).toBe(false);
  });

  it('never copies media, HTML or oversized JSON', () => {
    expect(shouldCopyBody('video/mp4', 'http://localhost/media/chat.mp4', 300_000_000)).toBe(false);
    expect(shouldCopyBody('text/html', 'http://localhost/chat', 1000)).toBe(false);
    expect(shouldCopyBody('application/octet-stream', 'http://localhost/chat/file', -1)).toBe(false);
    expect(shouldCopyBody('application/json', 'http://localhost/chat/export', 300_000_000)).toBe(false);
  });
});

describe('shouldCopyBody for application/octet-stream', () => {
  it("copies chatgpt-web's chat endpoint", () => {
    expect(shouldCopyBody('application/octet-stream', 'http://localhost:1002/api/chat-process', -1)).toBe(true);
    expect(shouldCopyBody('application/octet-stream', 'https://chat.example/chat-process?x=1', -1)).toBe(true);
    // An odd content-length header reads as NaN: unknown, like a missing one.
    expect(shouldCopyBody('application/octet-stream', 'https://chat.example/chat-process', Number('12 34'))).toBe(true);
    expect(shouldCopyBody('application/json', 'http://localhost:3000/v1/chat/completions', Number.NaN)).toBe(true);
    expect(shouldCopyBody('application/octet-stream', 'http://localhost/v1/chat/completions', -1)).toBe(true);
    expect(shouldCopyBody('application/octet-stream', 'http://localhost/api/chat-process/', -1)).toBe(true);
  });

  it('leaves downloads alone, even under a chat path, and oversized bodies', () => {
    for (const url of [
      'http://localhost/chat/file',
      'http://localhost/api/files/chat-log',
      'http://localhost/api/chat/download',
      'http://localhost/api/chat-export',
      'http://localhost/api/video/123/content',
      'http://localhost/v1/files/file-abc/content',
      'http://localhost/downloads/chat.bin',
      'http://localhost/api/config',
    ]) {
      expect(shouldCopyBody('application/octet-stream', url, -1), url).toBe(false);
    }
    expect(shouldCopyBody('application/octet-stream', 'http://localhost/api/chat-process', 300_000_000)).toBe(false);
  });
});

describe('shouldCopySocket', () => {
  it('copies Socket.IO and chat-like sockets', () => {
    expect(shouldCopySocket('ws://localhost:8080/ws/socket.io/?EIO=4&transport=websocket')).toBe(true);
    expect(shouldCopySocket('wss://chat.example/socket.io/?EIO=3&transport=websocket')).toBe(true);
    expect(shouldCopySocket('wss://chat.example/api/chat/stream')).toBe(true);
  });

  it('leaves dev-server and other sockets alone', () => {
    expect(shouldCopySocket('ws://localhost:5173/?token=abc')).toBe(false);
    expect(shouldCopySocket('ws://localhost:3000/_next/webpack-hmr')).toBe(false);
    expect(shouldCopySocket('wss://chat.example/live?room=chat')).toBe(false);
  });
});

describe('shouldCopyBody on a video app page (its hosts from the relay)', () => {
  const hosts = ['klingai.com', 'klingai.kuaishou.com'];

  it('copies JSON and NDJSON of the app’s hosts and their subdomains whatever the path (a moved endpoint)', () => {
    expect(shouldCopyBody('application/json', 'https://klingai.kuaishou.com/api/v2/works/list?x=1', 2000, hosts)).toBe(true);
    expect(shouldCopyBody('application/x-ndjson', 'https://app.klingai.com/rpc/q', -1, hosts)).toBe(true);
    expect(shouldCopyBody('application/problem+json', 'https://api.klingai.com/x', -1, hosts)).toBe(true);
  });

  it('sniffs text/plain and a missing type: copied only if the body opens JSON', () => {
    expect(shouldCopyBody('text/plain;charset=UTF-8', 'https://klingai.kuaishou.com/api/v2/works', -1, hosts)).toBe('sniff');
    expect(shouldCopyBody('', 'https://klingai.kuaishou.com/api/v2/works', -1, hosts)).toBe('sniff');
  });

  it('never copies other hosts, look-alike hosts, media, binary or oversized bodies', () => {
    expect(shouldCopyBody('application/json', 'https://klingai.com.evil.test/api/works', 10, hosts)).toBe(false);
    expect(shouldCopyBody('application/json', 'https://notklingai.com/api/works', 10, hosts)).toBe(false);
    expect(shouldCopyBody('application/json', 'https://user:klingai.com@evil.test/api/works', 10, hosts)).toBe(false);
    expect(shouldCopyBody('video/mp4', 'https://klingai.com/works/1.mp4', 10, hosts)).toBe(false);
    expect(shouldCopyBody('image/png', 'https://klingai.com/works/1', 10, hosts)).toBe(false);
    expect(shouldCopyBody('application/octet-stream', 'https://klingai.com/api/works', 10, hosts)).toBe(false);
    expect(shouldCopyBody('text/html', 'https://klingai.com/api/works', 10, hosts)).toBe(false);
    expect(shouldCopyBody('application/json', 'https://klingai.com/api/works', 17 * 1024 * 1024, hosts)).toBe(false);
    // Without the app's hosts (any other page), the paths decide as before.
    expect(shouldCopyBody('application/json', 'https://klingai.kuaishou.com/api/v2/works', 10)).toBe(false);
    expect(shouldCopyBody('', 'http://localhost/v1/chat/completions', 10)).toBe(false);
  });
});
