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

  it('copies multipart/mixed GraphQL answers (Meta AI) from chat-like endpoints only, and the video apps’ odd paths', () => {
    expect(shouldCopyBody('multipart/mixed; boundary="-"; deferSpec=20220824', 'https://www.meta.ai/api/graphql', -1)).toBe(true);
    expect(shouldCopyBody('multipart/mixed; boundary=abc', 'https://x.test/media/upload', -1)).toBe(false);
    expect(shouldCopyBody('multipart/byteranges; boundary=abc', 'https://www.meta.ai/api/graphql', -1)).toBe(false);
    expect(shouldCopyBody('multipart/x-mixed-replace; boundary=frame', 'https://cam.test/video/stream', -1)).toBe(false);
    expect(shouldCopyBody('Multipart/Mixed; boundary=-', 'https://www.meta.ai/api/graphql', -1)).toBe(true);
    expect(shouldCopyBody('Application/JSON', 'https://chat.qwen.ai/api/v1/tasks/status/1', 10)).toBe(true);
    expect(shouldCopyBody('application/json', 'https://www.doubao.com/im/chain/single?aid=1', 1000)).toBe(true);
    expect(shouldCopyBody('application/json', 'https://create.wan.video/wanx/api/common/imageGen', 1000)).toBe(true);
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
