/**
 * The test build: the release build, unpacked (`npm run dist:test`, into release/test), with one
 * fuse left on. Playwright's `_electron.launch` starts the app with `--inspect=0` and drives the
 * main process through that inspector, so the test build must honor Node's inspect arguments;
 * the release build ignores them.
 */
import type { Configuration } from 'electron-builder';
import release from './electron-builder.config.ts';

const config: Configuration = {
  ...release,
  directories: { ...release.directories, output: 'release/test' },
  electronFuses: { ...release.electronFuses, enableNodeCliInspectArguments: true },
};

export default config;
