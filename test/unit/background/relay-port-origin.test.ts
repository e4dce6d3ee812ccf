import { describe, expect, it } from 'vitest';
import { relayPortOrigin } from '@/src/background/relay-port-origin';

const EXTENSION_ID = 'own-extension';
const tab = { id: 4 };

describe('relay port origin', () => {
  it('takes the page and its origin from the browser sender', () => {
    expect(relayPortOrigin({ id: EXTENSION_ID, url: 'https://chat.example.com/c/1?x=2', tab }, EXTENSION_ID)).toEqual({
      site: 'https://chat.example.com',
      pageUrl: 'https://chat.example.com/c/1?x=2',
    });
  });

  it('keeps no login of the page URL', () => {
    expect(relayPortOrigin({ id: EXTENSION_ID, url: 'https://user:secret@example.com/app', tab }, EXTENSION_ID)).toEqual({
      site: 'https://example.com',
      pageUrl: 'https://example.com/app',
    });
  });

  it('refuses another extension, a context outside any tab, and a page that is not http(s)', () => {
    const url = 'https://example.com/';
    expect(relayPortOrigin({ id: 'someone-else', url, tab }, EXTENSION_ID)).toBeUndefined();
    expect(relayPortOrigin({ id: EXTENSION_ID, url }, EXTENSION_ID)).toBeUndefined();
    expect(relayPortOrigin({ id: EXTENSION_ID, url, tab: { id: -1 } }, EXTENSION_ID)).toBeUndefined();
    expect(relayPortOrigin({ id: EXTENSION_ID, url: 'file:///home/me/page.html', tab }, EXTENSION_ID)).toBeUndefined();
    expect(relayPortOrigin({ id: EXTENSION_ID, tab }, EXTENSION_ID)).toBeUndefined();
    expect(relayPortOrigin(undefined, EXTENSION_ID)).toBeUndefined();
  });
});
