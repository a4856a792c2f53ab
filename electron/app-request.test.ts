import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { handleAppRequest } from './app-request';
import { CONTENT_SECURITY_POLICY } from './csp';
import { tempDir } from './testing/temp';

// A renderer folder, and beside it a file the protocol must never serve.
let renderer: string;
let secretPath: string;
const SECRET = 'SECRET: must never leave the disk';
const INDEX = '<!doctype html><title>Byline</title>';
const SCRIPT = 'console.log("renderer")';

beforeAll(() => {
  const root = tempDir();
  renderer = join(root, 'renderer');
  mkdirSync(join(renderer, 'assets'), { recursive: true });
  writeFileSync(join(renderer, 'index.html'), INDEX);
  writeFileSync(join(renderer, 'assets', 'app.js'), SCRIPT);
  secretPath = join(root, 'secret.js');
  writeFileSync(secretPath, SECRET);
  mkdirSync(join(root, 'etc'));
  writeFileSync(join(root, 'etc', 'passwd'), SECRET);
});

const text = (body: Uint8Array | string) => (typeof body === 'string' ? body : Buffer.from(body).toString('utf8'));

describe('handleAppRequest', () => {
  it("serves the renderer's files with their type, the CSP and nosniff", async () => {
    const index = await handleAppRequest(renderer, 'app://byline/');
    expect(index.status).toBe(200);
    expect(text(index.body)).toBe(INDEX);
    expect(index.headers).toEqual({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
    });
    const script = await handleAppRequest(renderer, 'app://byline/assets/app.js');
    expect([script.status, text(script.body), script.headers['content-type']]).toEqual([
      200,
      SCRIPT,
      'text/javascript; charset=utf-8',
    ]);
  });

  it('sends the CSP and nosniff with every 404 too', async () => {
    for (const url of ['app://byline/missing.js', 'app://evil/index.html', 'app://byline/workspace.sqlite']) {
      const reply = await handleAppRequest(renderer, url);
      expect(reply.status, url).toBe(404);
      expect(reply.headers, url).toEqual({
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
      });
    }
  });

  it('refuses every way out of the renderer folder, and never reads the file beside it', async () => {
    const attempts = [
      'app://bundle/../../etc/passwd',
      'app://byline/../../etc/passwd',
      'app://byline/../secret.js',
      'app://byline/%2e%2e/secret.js',
      'app://byline/%2E%2E/%2e%2e/etc/passwd',
      'app://byline/..%2fsecret.js',
      'app://byline/%2e%2e%2fsecret.js',
      'app://byline/assets/..%2f..%2fsecret.js',
      'app://byline/%252e%252e%252fsecret.js',
      'app://byline/..\\secret.js',
      'app://byline/..%5csecret.js',
      'app://byline/assets\\..\\..\\secret.js',
      'app://byline/secret.js%00.html',
      'app://byline/%00',
      `app://byline/${encodeURIComponent(secretPath)}`,
      `app://byline/${secretPath}`,
      `app://byline//${secretPath}`,
      'app://evil/secret.js',
      'app://bundle/index.html',
      'app://byline.evil/index.html',
      'app://byline/renderer.sqlite',
      'app://byline/assets',
      'app://byline/%E0%A4%A',
      'https://byline/index.html',
      'not a url',
    ];
    for (const url of attempts) {
      const reply = await handleAppRequest(renderer, url);
      expect(reply.status, url).toBe(404);
      expect(text(reply.body), url).toBe('Not found');
    }
  });

  it('serves nothing but renderer files, whatever path it is given', async () => {
    // Climbs out with every spelling of ".." and "/", then names the files beside the folder.
    const dots = fc.constantFrom('..', '%2e%2e', '%2E.', '.%2e', '%252e%252e', '...', '.');
    const separator = fc.constantFrom('/', '//', '%2f', '%2F', '\\', '%5c', '%5C', '%00/');
    const path = fc
      .tuple(
        fc.constantFrom('', 'assets/', 'assets%2f'),
        fc.array(fc.tuple(dots, separator), { minLength: 1, maxLength: 4 }),
        fc.constantFrom('secret.js', 'etc/passwd', 'etc%2fpasswd', 'assets/app.js', 'index.html'),
      )
      .map(([start, climb, target]) => start + climb.map(([d, s]) => d + s).join('') + target);
    await fc.assert(
      fc.asyncProperty(path, async (path) => {
        const reply = await handleAppRequest(renderer, `app://byline/${path}`);
        expect(reply.status === 404 || [INDEX, SCRIPT].includes(text(reply.body))).toBe(true);
        expect(text(reply.body)).not.toContain('SECRET');
      }),
      { numRuns: 500 },
    );
  });
});
