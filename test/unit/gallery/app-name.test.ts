import { describe, expect, it } from 'vitest';
import { APP_HOSTS, APP_SHORT_NAMES, appKeyOf, appNameFor, appNameOf } from '../../../src/gallery/app-name';
import { SITE_EXTRACTORS } from '../../../src/sites/extractors';

const at = (site: string, id = 'url:x') => ({ id, site });

describe('appNameOf', () => {
  it('has a short name and exactly the page hosts of every video app with an extractor', () => {
    for (const extractor of SITE_EXTRACTORS) {
      expect(APP_SHORT_NAMES[extractor.name], extractor.name).toBeTruthy();
      const hosts = APP_HOSTS.filter(([, app]) => app === extractor.name).map(([host]) => host);
      expect(hosts.sort(), extractor.name).toEqual([...extractor.hosts].sort());
    }
  });

  it('names a video app by its task id, or by its host and subdomains', () => {
    expect(appNameOf(at('https://klingai.com', 'task:kling:123:0')).name).toBe('Kling');
    expect(appNameOf(at('https://app.klingai.com')).name).toBe('Kling');
    expect(appNameOf(at('https://chatglm.cn')).name).toBe('清影');
    expect(appNameOf(at('https://sora.chatgpt.com')).label).toBe('Sora');
    expect(appNameOf(at('https://klingai.com')).label).toBe('Kling (可灵)');
    // A chat answer's id names a task, not an app: the host decides.
    expect(appNameOf(at('https://chatglm.cn', 'task:8891215448425547870:0')).name).toBe('清影');
  });

  it('names the known chat UIs, and a self-hosted one by its host and port', () => {
    expect(appNameOf(at('https://chatgpt.com')).name).toBe('ChatGPT');
    expect(appNameOf(at('https://chat.lobehub.com')).name).toBe('LobeChat');
    expect(appNameOf(at('https://openwebui.com')).name).toBe('Open WebUI');
    expect(appNameOf(at('http://127.0.0.1:8787')).name).toBe('127.0.0.1:8787');
    expect(appNameOf(at('http://localhost:3000')).name).toBe('localhost:3000');
    // A host that only ends like a known one is not it.
    expect(appNameOf(at('https://evilklingai.com')).name).toBe('evilklingai.com');
  });

  it('groups one app on several hosts under one key, and survives a damaged site', () => {
    expect(appKeyOf(at('https://vidu.com'))).toBe(appKeyOf(at('https://www.vidu.cn')));
    expect(appNameOf(at('not a url')).name).toBe('not a url');
    expect(appNameOf(at('')).letter).toBe('?');
  });

  it('gives each name one letter and a stable hue', () => {
    expect(appNameFor('kling')).toMatchObject({ letter: 'K' });
    expect(appNameFor('chatglm').letter).toBe('清');
    expect(appNameFor('kling').hue).toBe(appNameFor('kling').hue);
    expect(appNameFor('kling').hue).toBeGreaterThanOrEqual(0);
    expect(appNameFor('kling').hue).toBeLessThan(360);
  });
});
