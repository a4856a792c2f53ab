/**
 * Where an export writes: always under a temporary name beside the final one, renamed into place
 * only once everything is written, so a failed or canceled export never leaves a partial file
 * (or folder) under the name the person chose.
 */
import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createGzip, type Gzip } from 'node:zlib';
import { ZipFile } from 'yazl';
import { BylineError } from '../../schema/errors';
import type { TextSink } from '../formats/export-types';

export interface OutputOptions {
  /** Compress with gzip. */
  gzip?: boolean;
  /** Refuse to write more bytes than this (a stand-in for a full disk, in tests). */
  byteLimit?: number;
}

export interface FileOutput {
  sink: TextSink;
  /** Bytes written so far (before compression). */
  readonly bytes: number;
  commit(): Promise<void>;
  abort(): Promise<void>;
}

const temporaryName = (path: string) =>
  join(dirname(path), `.${basename(path)}.partial-${process.pid}-${Math.random().toString(36).slice(2, 8)}`);

export async function openFileOutput(path: string, options: OutputOptions = {}): Promise<FileOutput> {
  await checkFolder(dirname(path), path);
  const temporary = temporaryName(path);
  const file = createWriteStream(temporary, { flags: 'wx' });
  let failure: Error | null = null;
  file.on('error', (error) => (failure = error));
  await Promise.race([once(file, 'open'), once(file, 'error')]).catch(() => {});
  if (failure) throw describe(failure, path);
  const target: Gzip | WriteStream = options.gzip ? createGzip() : file;
  if (target !== file) target.pipe(file);
  let bytes = 0;
  const abort = async () => {
    target.destroy();
    file.destroy();
    await rm(temporary, { force: true });
  };
  return {
    get bytes() {
      return bytes;
    },
    sink: {
      async write(chunk) {
        if (failure) throw describe(failure, path);
        const size = Buffer.byteLength(chunk);
        if (options.byteLimit !== undefined && bytes + size > options.byteLimit) {
          failure = Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
          throw describe(failure, path);
        }
        bytes += size;
        if (!target.write(chunk)) await Promise.race([once(target, 'drain'), once(file, 'error')]);
        if (failure) throw describe(failure, path);
      },
    },
    async commit() {
      target.end();
      await once(file, 'close');
      if (failure) {
        await abort();
        throw describe(failure, path);
      }
      await rename(temporary, path);
    },
    abort,
  };
}

/**
 * A folder of files written under a temporary folder and renamed into place. The final folder
 * must not exist, or be empty.
 */
export async function openFolderOutput(path: string, options: OutputOptions = {}) {
  await checkFolder(dirname(path), path);
  const existing = await stat(path).catch(() => null);
  if (existing && (!existing.isDirectory() || (await readdir(path)).length > 0)) {
    throw new BylineError('bad_input', `${path} already exists and is not an empty folder: choose a new folder.`);
  }
  const temporary = temporaryName(path);
  await mkdir(temporary);
  let bytes = 0;
  return {
    async writeFile(name: string, content: string) {
      const size = Buffer.byteLength(content);
      if (options.byteLimit !== undefined && bytes + size > options.byteLimit) {
        throw describe(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }), path);
      }
      bytes += size;
      await mkdir(dirname(join(temporary, name)), { recursive: true });
      await writeFile(join(temporary, name), content).catch((error: Error) => {
        throw describe(error, path);
      });
    },
    async commit() {
      if (existing) await rmdir(path);
      await rename(temporary, path);
    },
    abort: () => rm(temporary, { recursive: true, force: true }),
  };
}

async function checkFolder(folder: string, path: string): Promise<void> {
  const info = await stat(folder).catch(() => null);
  if (!info?.isDirectory()) throw new BylineError('bad_input', `${path} cannot be written: the folder ${folder} does not exist.`);
}

function describe(error: Error, path: string): BylineError {
  const code = (error as NodeJS.ErrnoException).code;
  const why =
    code === 'ENOSPC'
      ? 'the disk is full'
      : code === 'EACCES' || code === 'EPERM' || code === 'EROFS'
        ? `Byline may not write in ${dirname(path)}`
        : error.message;
  return new BylineError('bad_input', `${path} could not be written: ${why}. Nothing was left under that name.`);
}

/** Files put into one zip archive, written under a temporary name and renamed into place. */
export async function openZipOutput(path: string, options: OutputOptions = {}) {
  await checkFolder(dirname(path), path);
  const temporary = temporaryName(path);
  const file = createWriteStream(temporary, { flags: 'wx' });
  let failure: Error | null = null;
  file.on('error', (error) => (failure = error));
  const zip = new ZipFile();
  zip.outputStream.pipe(file);
  let bytes = 0;
  return {
    async writeFile(name: string, content: string) {
      if (failure) throw describe(failure, path);
      const buffer = Buffer.from(content);
      if (options.byteLimit !== undefined && bytes + buffer.length > options.byteLimit) {
        failure = Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
        throw describe(failure, path);
      }
      bytes += buffer.length;
      zip.addBuffer(buffer, name);
      // Let the archive reach the disk before more is added.
      if (file.writableNeedDrain) await Promise.race([once(file, 'drain'), once(file, 'error')]);
    },
    async commit() {
      zip.end();
      await once(file, 'close');
      if (failure) {
        await rm(temporary, { force: true });
        throw describe(failure, path);
      }
      await rename(temporary, path);
    },
    async abort() {
      zip.outputStream.unpipe(file);
      file.destroy();
      await rm(temporary, { force: true });
    },
  };
}
