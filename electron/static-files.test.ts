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
  });

  it('serves only the file types the renderer has', () => {
    expect(resolveStaticFile('/app/renderer', '/workspace.sqlite')).toBeNull();
    expect(resolveStaticFile('/app/renderer', '/%E0%A4%A')).toBeNull();
  });
});
