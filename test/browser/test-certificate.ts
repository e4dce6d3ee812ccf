import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A self-signed certificate for `hosts`, made for one run with Debian's openssl, so a test server
 * can answer at the apps' real host names over HTTPS; the browsers are told to accept it (it is
 * no CA's). The files are read and removed at once.
 */
export async function makeTestCertificate(hosts: readonly string[]): Promise<{ key: Buffer; cert: Buffer }> {
  const dir = await mkdtemp(join(tmpdir(), 'video-keeper-cert-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=video-keeper-test',
      '-keyout', key, '-out', cert,
      '-addext', `subjectAltName=${hosts.map((host) => `DNS:${host}`).join(',')}`,
    ], { stdio: 'ignore' });
    return { key: await readFile(key), cert: await readFile(cert) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
