import { describe, expect, it } from 'vitest';
import { scannedPage } from '@/src/page-scan/scanned-page';

describe('scannedPage', () => {
  it('names the tab and the page as the browser does, with its title when it has one', () => {
    expect(scannedPage({ id: 3, url: 'https://chat.example/c/1', title: 'Old chat' })).toEqual({
      tabId: 3,
      page: { pageUrl: 'https://chat.example/c/1', title: 'Old chat' },
    });
    expect(scannedPage({ id: 0, url: 'http://localhost:8080/', title: '' })).toEqual({ tabId: 0, page: { pageUrl: 'http://localhost:8080/' } });
  });

  it('offers no scan without a tab, a tab id or an http(s) page', () => {
    expect(scannedPage(undefined)).toBeUndefined();
    expect(scannedPage({ url: 'https://chat.example/c/1' })).toBeUndefined();
    expect(scannedPage({ id: 3 })).toBeUndefined();
    for (const url of ['chrome://extensions/', 'about:blank', 'file:///home/me/a.html', 'javascript:alert(1)']) {
      expect(scannedPage({ id: 3, url })).toBeUndefined();
    }
  });
});
