import { describe, expect, it } from 'vitest';
import { isSecretParam, scrubEndpointUrl, scrubEntryUrls, scrubPageUrl } from '@/src/store/scrub-url';

describe('scrubbing stored URLs', () => {
  it('names credential-like query parameters by their words, not by substrings', () => {
    for (const name of ['token', 'access_token', 'accessToken', 'key', 'api_key', 'apiKey', 'sig', 'signature', 'X-Amz-Signature', 'auth', 'authToken', 'session', 'sessionId', 'code', 'password', 'client_secret', 'jwt', 'X-Amz-Security-Token']) {
      expect(isSecretParam(name), name).toBe(true);
    }
    for (const name of ['chat', 'id', 'author', 'keyword', 'model', 'q', 'tab', 'conversation_id', 'codec']) {
      expect(isSecretParam(name), name).toBe(false);
    }
  });

  it('keeps the page without its fragment, its user info and its secret parameters', () => {
    expect(scrubPageUrl('https://user:pw@chat.example/c/9?chat=1&access_token=abc&code=xyz&tab=2#token=t')).toBe('https://chat.example/c/9?chat=1&tab=2');
    expect(scrubPageUrl('http://localhost:3000/?Token=a&token=b')).toBe('http://localhost:3000/');
    // A query without a secret is kept byte for byte (not re-encoded).
    expect(scrubPageUrl('https://chat.example/?q=a%20b&x=1')).toBe('https://chat.example/?q=a%20b&x=1');
    expect(scrubPageUrl('not a url')).toBe('');
  });

  it('keeps the endpoint as origin and path only', () => {
    expect(scrubEndpointUrl('https://api.example:8443/v1/stream?access_token=abc#x')).toBe('https://api.example:8443/v1/stream');
    expect(scrubEndpointUrl('wss-not-a-url')).toBe('');
  });

  it('scrubs an entry update and leaves its video and cover links alone', () => {
    const update = {
      pageUrl: 'https://chat.example/?session=s',
      endpointUrl: 'https://chat.example/sse?access_token=t',
      videoUrl: 'https://cdn.example/v.mp4?sig=keep',
      coverUrl: 'https://cdn.example/c.jpg?token=keep',
    };
    expect(scrubEntryUrls(update)).toEqual({ ...update, pageUrl: 'https://chat.example/', endpointUrl: 'https://chat.example/sse' });
    const clean = { pageUrl: 'https://chat.example/', endpointUrl: 'https://chat.example/sse' };
    expect(scrubEntryUrls(clean)).toBe(clean);
  });
});
