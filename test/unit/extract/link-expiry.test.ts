import { describe, expect, it } from 'vitest';
import { linkExpiry } from '@/src/extract/link-expiry';

const AT_0800 = Date.UTC(2025, 2, 26, 8); // 2025-03-26T08:00:00Z
const EPOCH = 1742976000; // 2025-03-26T08:00:00Z in seconds
const base64Url = (text: string): string => Buffer.from(text).toString('base64url');

describe('linkExpiry', () => {
  it('reads S3 SigV4: X-Amz-Date plus X-Amz-Expires seconds', () => {
    const url =
      'https://bucket.s3.us-east-1.amazonaws.com/out/v.mp4?X-Amz-Algorithm=AWS4-HMAC-SHA256' +
      '&X-Amz-Credential=AKIA%2F20250326%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20250326T080000Z' +
      '&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=abcdef';
    expect(linkExpiry(url)).toBe(AT_0800 + 86_400_000);
  });

  it('reads GCS v4: X-Goog-Date plus X-Goog-Expires', () => {
    const url =
      'https://storage.googleapis.com/bucket/v.mp4?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Credential=sa%40p.iam' +
      '&X-Goog-Date=20250326T080000Z&X-Goog-Expires=900&X-Goog-SignedHeaders=host&X-Goog-Signature=00ff';
    expect(linkExpiry(url)).toBe(AT_0800 + 900_000);
  });

  it('reads Aliyun OSS v4 (x-oss-date + x-oss-expires) and an absolute x-oss-expires', () => {
    const v4 =
      'https://b.oss-cn-beijing.aliyuncs.com/v.mp4?x-oss-signature-version=OSS4-HMAC-SHA256' +
      '&x-oss-credential=LTAI%2F20250326%2Fcn-beijing%2Foss%2Faliyun_v4_request&x-oss-date=20250326T080000Z' +
      '&x-oss-expires=3600&x-oss-signature=abc';
    expect(linkExpiry(v4)).toBe(AT_0800 + 3_600_000);
    expect(linkExpiry(`https://b.oss-cn-beijing.aliyuncs.com/v.mp4?x-oss-expires=${EPOCH}&x-oss-signature=a`)).toBe(EPOCH * 1000);
  });

  it('reads Volcengine TOS: X-Tos-Date plus X-Tos-Expires', () => {
    const url =
      'https://b.tos-cn-beijing.volces.com/v.mp4?X-Tos-Algorithm=TOS4-HMAC-SHA256&X-Tos-Date=20250326T080000Z' +
      '&X-Tos-Expires=7200&X-Tos-Signature=abc&X-Tos-SignedHeaders=host';
    expect(linkExpiry(url)).toBe(AT_0800 + 7_200_000);
  });

  it('reads Expires=<epoch> of CloudFront, Aliyun OSS v1, GCS v2 and OBS', () => {
    for (const url of [
      `https://d111111abcdef8.cloudfront.net/v.mp4?Expires=${EPOCH}&Signature=a~b_&Key-Pair-Id=K2JCJMDEHXQW5F`,
      `https://b.oss-cn-hangzhou.aliyuncs.com/v.mp4?OSSAccessKeyId=LTAI5t&Expires=${EPOCH}&Signature=abc%3D`,
      `https://storage.googleapis.com/b/v.mp4?GoogleAccessId=sa%40p.iam&Expires=${EPOCH}&Signature=abc`,
      `https://b.obs.cn-north-4.myhuaweicloud.com/v.mp4?AccessKeyId=AK&Expires=${EPOCH}&Signature=abc`,
      `https://cdn.test/v.mp4?expires=${EPOCH}`,
    ]) {
      expect(linkExpiry(url), url).toBe(EPOCH * 1000);
    }
  });

  it('reads a CloudFront custom policy (DateLessThan AWS:EpochTime)', () => {
    const policy = JSON.stringify({
      Statement: [{ Resource: 'https://d1.cloudfront.net/*', Condition: { DateLessThan: { 'AWS:EpochTime': EPOCH } } }],
    });
    // CloudFront's URL-safe base64: + becomes -, = becomes _, / becomes ~.
    const encoded = Buffer.from(policy).toString('base64').replace(/\+/g, '-').replace(/=/g, '_').replace(/\//g, '~');
    expect(linkExpiry(`https://d1.cloudfront.net/v.mp4?Policy=${encoded}&Signature=x&Key-Pair-Id=K1`)).toBe(EPOCH * 1000);
  });

  it('reads Azure SAS se= (date-time or date) only when the link is signed (sig=)', () => {
    const sas = 'https://acct.blob.core.windows.net/c/v.mp4?sv=2022-11-02&sr=b&sp=r&sig=abc%3D';
    expect(linkExpiry(`${sas}&se=2025-03-27T08%3A00%3A00Z`)).toBe(Date.UTC(2025, 2, 27, 8));
    expect(linkExpiry(`${sas}&se=2025-03-27`)).toBe(Date.UTC(2025, 2, 27));
    expect(linkExpiry(`${sas}&se=2025-03-27T08:00`)).toBe(Date.UTC(2025, 2, 27, 8));
    expect(linkExpiry('https://app.test/v?se=2025-03-27')).toBeUndefined();
  });

  it('reads Tencent COS q-sign-time=<start>;<end>', () => {
    const url = `https://b-125.cos.ap-guangzhou.myqcloud.com/v.mp4?q-sign-algorithm=sha1&q-ak=AKID&q-sign-time=${EPOCH - 3600}%3B${EPOCH}&q-key-time=${EPOCH - 3600}%3B${EPOCH}&q-header-list=host&q-url-param-list=&q-signature=abc`;
    expect(linkExpiry(url)).toBe(EPOCH * 1000);
  });

  it('reads Qiniu e=, Akamai exp=, ByteDance x-expires and Tencent CDN txTime (hex)', () => {
    expect(linkExpiry(`https://cdn.qiniu.test/v.mp4?e=${EPOCH}&token=ak:c2lnbg=`)).toBe(EPOCH * 1000);
    expect(linkExpiry(`https://a.akamaized.net/v.mp4?hdnts=st=${EPOCH - 60}~exp=${EPOCH}~acl=/*~hmac=ab12`)).toBe(EPOCH * 1000);
    expect(linkExpiry(`https://v.byte.test/v.mp4?x-expires=${EPOCH}&x-signature=abc`)).toBe(EPOCH * 1000);
    expect(linkExpiry(`https://live.tencent.test/v.mp4?txSecret=abc&txTime=${EPOCH.toString(16)}`)).toBe(EPOCH * 1000);
  });

  it("reads a JWT token's exp claim", () => {
    const jwt = `${base64Url('{"alg":"HS256","typ":"JWT"}')}.${base64Url(JSON.stringify({ sub: 'v1', exp: EPOCH }))}.c2ln`;
    expect(linkExpiry(`https://proxy.test/file/v1?token=${jwt}`)).toBe(EPOCH * 1000);
  });

  it('takes thirteen-digit values as milliseconds', () => {
    expect(linkExpiry(`https://cdn.test/v.mp4?Expires=${EPOCH * 1000}`)).toBe(EPOCH * 1000);
  });

  it('finds no expiry in plain links, junk values and impossible dates', () => {
    for (const url of [
      'https://cdn.test/v.mp4',
      'https://cdn.test/v.mp4?Expires=soon',
      'https://cdn.test/v.mp4?Expires=5',
      'https://cdn.test/v.mp4?X-Amz-Date=yesterday&X-Amz-Expires=60',
      'https://cdn.test/v.mp4?Policy=%%%',
      'https://proxy.test/f?token=not.a.jwt',
      'not a url',
    ]) {
      expect(linkExpiry(url), url).toBeUndefined();
    }
  });
});
