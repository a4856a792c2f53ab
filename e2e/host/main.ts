/**
 * `node dist/host/server.mjs [--workspace <file>] [--port <n>] [--state-dir <folder>]`: runs the test host and prints
 * one line `BYLINE_HOST {"loginUrl": ...}` once it listens. Open loginUrl in a browser.
 */
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { BylineError } from '../../schema/errors';
import { resolveWorkspacePath } from '../../electron/workspace-path';
import { startHost } from './server';

const args = process.argv.slice(2);
const portIndex = args.indexOf('--port');
const port = portIndex >= 0 ? Number(args[portIndex + 1]) : 0;
const stateDirIndex = args.indexOf('--state-dir');
const stateDir = stateDirIndex >= 0 ? args[stateDirIndex + 1] : undefined;

try {
  const host = await startHost({
    workspacePath: resolveWorkspacePath(args, process.env, tmpdir()),
    rendererDir: fileURLToPath(new URL('../renderer/', import.meta.url)),
    bridgeFile: fileURLToPath(new URL('./bridge.js', import.meta.url)),
    workerFile: fileURLToPath(new URL('./jobs-worker.mjs', import.meta.url)),
    port,
    stateDir,
  });
  console.log(`BYLINE_HOST ${JSON.stringify({ loginUrl: host.loginUrl, origin: host.origin, token: host.token, cookieName: host.cookieName })}`);
  const stop = () => void host.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} catch (error) {
  console.error(error instanceof BylineError ? error.message : error);
  process.exit(2);
}
