import { describe, expect, it } from 'vitest';
import { isLocalUrl, mayRequest } from '@/src/extract/local-address';

describe('local addresses', () => {
  it('knows loopback, private, link-local and local names, however the address is spelled', () => {
    for (const url of [
      'http://localhost/',
      'http://LOCALHOST.:8080/',
      'http://api.localhost/',
      'http://printer.local/',
      'http://router.lan/',
      'http://nas.home.arpa/',
      'http://127.0.0.1/',
      'http://127.1/',
      'http://2130706433/',
      'http://0x7f.0.0.1/',
      'http://0.0.0.0/',
      'http://10.1.2.3/',
      'http://172.16.0.1/',
      'http://172.31.255.255/',
      'http://192.168.1.1/',
      'http://169.254.169.254/latest/meta-data',
      'http://100.64.0.1/',
      'http://[::1]/',
      'http://[::]/',
      'http://[fc00::1]/',
      'http://[fd12:3456::1]/',
      'http://[fe80::1]/',
      'http://[::ffff:192.168.0.1]/',
      'http://[::ffff:127.0.0.1]/',
      'not a url',
    ]) {
      expect(isLocalUrl(url), url).toBe(true);
    }
  });

  it('leaves public hosts and addresses alone', () => {
    for (const url of [
      'https://cdn.example.com/v.mp4',
      'https://localhost.example.com/',
      'https://local.example/',
      'http://172.32.0.1/',
      'http://172.15.0.1/',
      'http://192.169.0.1/',
      'http://8.8.8.8/',
      'http://100.128.0.1/',
      'http://[2001:db8::1]/',
      'http://[::ffff:8.8.8.8]/',
    ]) {
      expect(isLocalUrl(url), url).toBe(false);
    }
  });

  it('lets a page on a local address reach local addresses, and no other page', () => {
    expect(mayRequest('http://192.168.1.1/v.mp4', 'https://chat.example/c/1')).toBe(false);
    expect(mayRequest('http://192.168.1.1/v.mp4', undefined)).toBe(false);
    expect(mayRequest('http://localhost:9000/v.mp4', 'http://localhost:3000/')).toBe(true);
    expect(mayRequest('http://192.168.1.1/v.mp4', 'http://127.0.0.1:8080')).toBe(true);
    expect(mayRequest('https://cdn.example/v.mp4', 'https://chat.example/')).toBe(true);
  });
});
