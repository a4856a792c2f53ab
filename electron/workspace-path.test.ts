import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveWorkspacePath } from './workspace-path';

describe('resolveWorkspacePath', () => {
  it('takes --workspace <file> first', () => {
    expect(resolveWorkspacePath(['.', '--workspace', 'a.sqlite'], { BYLINE_WORKSPACE: 'b' }, '/d')).toBe(
      resolve('a.sqlite'),
    );
  });

  it('takes --workspace=<file>', () => {
    expect(resolveWorkspacePath(['--workspace=/x/y.sqlite'], {}, '/d')).toBe('/x/y.sqlite');
  });

  it('falls back to BYLINE_WORKSPACE, then to the default folder', () => {
    expect(resolveWorkspacePath([], { BYLINE_WORKSPACE: '/e/w.sqlite' }, '/d')).toBe('/e/w.sqlite');
    expect(resolveWorkspacePath([], {}, '/d')).toBe(join('/d', 'workspace.sqlite'));
  });
});
