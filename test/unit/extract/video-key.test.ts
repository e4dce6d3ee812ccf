import { describe, expect, it } from 'vitest';
import { videoKey } from '@/src/extract/video-key';

describe('videoKey', () => {
  it('gives one key to fresh S3 signatures of the same object', () => {
    const signed = (date: string, signature: string): string =>
      `https://bucket.s3.amazonaws.com/out/v.mp4?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F${date}` +
      `&X-Amz-Date=${date}T080000Z&X-Amz-Expires=3600&X-Amz-Security-Token=tok&X-Amz-SignedHeaders=host&X-Amz-Signature=${signature}`;
    expect(videoKey(signed('20250326', 'aaa'))).toBe('https://bucket.s3.amazonaws.com/out/v.mp4');
    expect(videoKey(signed('20250327', 'bbb'))).toBe(videoKey(signed('20250326', 'aaa')));
  });

  it('drops the signature parameters of each provider', () => {
    for (const [url, key] of [
      ['https://d1.cloudfront.net/v.mp4?Expires=1&Signature=a&Key-Pair-Id=K', 'https://d1.cloudfront.net/v.mp4'],
      ['https://d1.cloudfront.net/v.mp4?Policy=eyJ9&Signature=a&Key-Pair-Id=K', 'https://d1.cloudfront.net/v.mp4'],
      ['https://b.oss-cn-beijing.aliyuncs.com/v.mp4?OSSAccessKeyId=L&Expires=1&Signature=s&security-token=t', 'https://b.oss-cn-beijing.aliyuncs.com/v.mp4'],
      ['https://b.oss-cn-beijing.aliyuncs.com/v.mp4?x-oss-date=20250326T080000Z&x-oss-expires=60&x-oss-signature=s&x-oss-credential=c', 'https://b.oss-cn-beijing.aliyuncs.com/v.mp4'],
      ['https://storage.googleapis.com/b/v.mp4?X-Goog-Date=1&X-Goog-Expires=2&X-Goog-Signature=3&X-Goog-Credential=4', 'https://storage.googleapis.com/b/v.mp4'],
      ['https://storage.googleapis.com/b/v.mp4?GoogleAccessId=a&Expires=1&Signature=s', 'https://storage.googleapis.com/b/v.mp4'],
      ['https://a.blob.core.windows.net/c/v.mp4?sv=2022-11-02&se=2025-01-01&sr=b&sp=r&sig=x&spr=https&st=2024-12-31', 'https://a.blob.core.windows.net/c/v.mp4'],
      ['https://b.tos-cn-beijing.volces.com/v.mp4?X-Tos-Date=1&X-Tos-Expires=2&X-Tos-Signature=3', 'https://b.tos-cn-beijing.volces.com/v.mp4'],
      ['https://b.cos.ap-guangzhou.myqcloud.com/v.mp4?q-sign-algorithm=sha1&q-ak=a&q-sign-time=1%3B2&q-key-time=1%3B2&q-header-list=&q-url-param-list=&q-signature=s', 'https://b.cos.ap-guangzhou.myqcloud.com/v.mp4'],
      ['https://cdn.aliyun.test/v.mp4?auth_key=1742976000-0-0-abc', 'https://cdn.aliyun.test/v.mp4'],
      ['https://v.byte.test/v.mp4?x-expires=1&x-signature=s', 'https://v.byte.test/v.mp4'],
      ['https://a.akamaized.net/v.mp4?hdnts=exp=1~hmac=2', 'https://a.akamaized.net/v.mp4'],
      ['https://cdn.qiniu.test/v.mp4?e=1&token=ak:s', 'https://cdn.qiniu.test/v.mp4'],
    ] as const) {
      expect(videoKey(url), url).toBe(key);
    }
  });

  it('keeps the other parameters, sorted, and drops the fragment', () => {
    expect(videoKey('https://CDN.Test/v?quality=hd&id=42&Signature=s&Expires=1#t=3')).toBe('https://cdn.test/v?id=42&quality=hd');
    expect(videoKey('https://cdn.test/v?b=2&a=1')).toBe(videoKey('https://cdn.test/v?a=1&b=2'));
  });

  it('keeps Azure-looking names when the link carries no SAS signature', () => {
    expect(videoKey('https://app.test/list?sp=2&st=open')).toBe('https://app.test/list?sp=2&st=open');
  });

  it('keeps processing instructions: a snapshot is not the video', () => {
    const video = 'https://b.oss-cn-beijing.aliyuncs.com/v.mp4?Expires=1&Signature=s';
    const snapshot = 'https://b.oss-cn-beijing.aliyuncs.com/v.mp4?x-oss-process=video%2Fsnapshot%2Ct_0&Expires=1&Signature=s';
    expect(videoKey(snapshot)).not.toBe(videoKey(video));
  });

  it('drops a token only when the rest of the URL still names the file', () => {
    expect(videoKey('https://proxy.test/files/v.mp4?token=abc')).toBe('https://proxy.test/files/v.mp4');
    expect(videoKey('https://proxy.test/file?id=7&token=abc')).toBe('https://proxy.test/file?id=7');
    expect(videoKey('https://proxy.test/v/01HQ7Z9K2M?token=abc')).toBe('https://proxy.test/v/01HQ7Z9K2M');
    // Here the token is the only thing that says which video: two tokens, two videos.
    expect(videoKey('https://proxy.test/file?token=abc')).not.toBe(videoKey('https://proxy.test/file?token=def'));
  });

  it('tells different videos apart', () => {
    expect(videoKey('https://cdn.test/a.mp4?Expires=1')).not.toBe(videoKey('https://cdn.test/b.mp4?Expires=1'));
    expect(videoKey('https://cdn.test/v?id=1')).not.toBe(videoKey('https://cdn.test/v?id=2'));
  });

  it('returns text that is not a URL unchanged', () => {
    expect(videoKey('not a url')).toBe('not a url');
  });
});
