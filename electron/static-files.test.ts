import { describe, expect, it } from 'vitest';
import { resolveStaticFile } from './static-files';

describe('resolveStaticFile', () => {
  it('serves index.html for / and files under the root', () => {
    expect(resolveStaticFile('/app/renderer', '/')).toBe('/app/renderer/index.html');
    expect(resolveStaticFile('/app/renderer', '/assets/index-1.js')).toBe('/app/renderer/assets/index-1.js');
  });

  it('never leaves the root', () => {
    expect(resolveStaticFile('/app/renderer', '/../main.cjs')).toBeNull();
    expect(resolveStaticFile('/app/renderer', '/%2e%2e/%2e%2e/etc/passwd.js')).toBeNull();
    expect(resolveStaticFile('/app/renderer', '/assets/..%2f..%2fsecret.js')).toBeNull();
    expect(resolveStaticFile('/app/renderer', '/..\\..\\secret.js')).toBeNull();
    expect(resolveStaticFile('/app/renderer', '/..%5c..%5csecret.js')).toBeNull();
    expect(resolveStaticFile('/app/renderer', '/secret.js%00.html')).toBeNull();
  });

  it('reads an absolute path as a path under the root', () => {
    expect(resolveStaticFile('/app/renderer', '//etc/passwd.js')).toBe('/app/renderer/etc/passwd.js');
    expect(resolveStaticFile('/app/renderer', '/%2Fetc%2Fpasswd.js')).toBe('/app/renderer/etc/passwd.js');
  });

  it('serves only the file types the renderer has', () => {
    expect(resolveStaticFile('/app/renderer', '/workspace.sqlite')).toBeNull();
    expect(resolveStaticFile('/app/renderer', '/%E0%A4%A')).toBeNull();
  });
});
