/**
 * Where an export writes: always under a temporary name beside the final one, renamed into place
 * only once everything is written, so a failed or canceled export never leaves a partial file
 * (or folder) under the name the person chose.
 */
import { EventEmitter, once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { Readable, type Writable } from 'node:stream';
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

const diskFull = () => Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });

/** Bytes written toward one output, held to the byte limit. */
class Budget {
  spent = 0;
  private readonly path: string;
  private readonly limit: number | undefined;

  constructor(path: string, limit: number | undefined) {
    this.path = path;
    this.limit = limit;
  }

  spend(size: number): void {
    if (this.limit !== undefined && this.spent + size > this.limit) throw describe(diskFull(), this.path);
    this.spent += size;
  }
}

/** A new file under a temporary name beside `path`, renamed to `path` by `finish`. */
class TemporaryFile {
  private error: Error | null = null;
  readonly path: string;
  readonly temporary: string;
  readonly stream: WriteStream;
  readonly budget: Budget;

  private constructor(path: string, temporary: string, stream: WriteStream, byteLimit: number | undefined) {
    this.path = path;
    this.temporary = temporary;
    this.stream = stream;
    this.budget = new Budget(path, byteLimit);
    stream.on('error', (error) => (this.error ??= error));
  }

  static async open(path: string, byteLimit: number | undefined): Promise<TemporaryFile> {
    await checkFolder(dirname(path), path);
    const temporary = temporaryName(path);
    const file = new TemporaryFile(path, temporary, createWriteStream(temporary, { flags: 'wx', highWaterMark: 1 << 20 }), byteLimit);
    await Promise.race([once(file.stream, 'open'), once(file.stream, 'error')]).catch(() => {});
    file.check();
    return file;
  }

  /** Throws what went wrong so far, if anything did; else counts `size` bytes against the limit. */
  check(size = 0): void {
    if (this.error) throw describe(this.error, this.path);
    try {
      this.budget.spend(size);
    } catch (error) {
      this.error = diskFull();
      throw error;
    }
  }

  /** Waits until `writer` (this file's stream, or one piped into it) takes more, or fails. */
  async drained(writer: Writable): Promise<void> {
    await this.until(writer, 'drain');
  }

  /**
   * Waits for `event` on `emitter` (an 'error' there fails the file), or for the file to close.
   * Its listeners go once it returns: an export waits thousands of times, and racing
   * events.once() left a 'close' and an 'error' listener on the file each time, until the end
   * (the command line printed a MaxListenersExceededWarning).
   */
  async until(emitter: EventEmitter, event: string): Promise<void> {
    await new Promise<void>((resolve) => {
      const settle = () => {
        emitter.off(event, settle).off('error', failed);
        this.stream.off('close', settle);
        resolve();
      };
      const failed = (error: Error) => {
        this.error ??= error;
        settle();
      };
      emitter.on(event, settle).on('error', failed);
      this.stream.on('close', settle);
    });
    this.check();
  }

  /** After the last write has been ended: waits for the file to close, then renames it into place. */
  async finish(): Promise<void> {
    if (!this.stream.closed) await once(this.stream, 'close').catch(() => {});
    if (this.error) {
      await rm(this.temporary, { force: true });
      throw describe(this.error, this.path);
    }
    await rename(this.temporary, this.path);
  }

  async discard(): Promise<void> {
    this.stream.destroy();
    await rm(this.temporary, { force: true });
  }
}

export async function openFileOutput(path: string, options: OutputOptions = {}): Promise<FileOutput> {
  const file = await TemporaryFile.open(path, options.byteLimit);
  const target: Gzip | WriteStream = options.gzip ? createGzip() : file.stream;
  if (target !== file.stream) target.pipe(file.stream);
  return {
    get bytes() {
      return file.budget.spent;
    },
    sink: {
      async write(chunk) {
        // Encoded once, here: counting the bytes first and leaving the stream to encode again
        // took a third of writing a large JSONL export.
        const buffer = Buffer.from(chunk);
        file.check(buffer.length);
        if (!target.write(buffer)) await file.drained(target);
      },
    },
    async commit() {
      target.end();
      await file.finish();
    },
    async abort() {
      target.destroy();
      await file.discard();
    },
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
  const budget = new Budget(path, options.byteLimit);
  const folders = new Set([temporary]);
  return {
    async writeFile(name: string, content: string) {
      budget.spend(Buffer.byteLength(content));
      const folder = dirname(join(temporary, name));
      if (!folders.has(folder)) {
        await mkdir(folder, { recursive: true });
        folders.add(folder);
      }
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

/**
 * Entries handed to the archive and not yet begun. yazl deflates an added buffer at once, all
 * of them side by side (10,000 articles took 4.8 GB and 37 s); a stream it reads only when the
 * entry's turn comes, so entries are added as streams, and only a few are let wait.
 */
const ZIP_QUEUE = 16;

/** Files put into one zip archive, written under a temporary name and renamed into place. */
export async function openZipOutput(path: string, options: OutputOptions = {}) {
  const file = await TemporaryFile.open(path, options.byteLimit);
  const zip = new ZipFile();
  zip.outputStream.pipe(file.stream);
  const begun = new EventEmitter();
  let waiting = 0;
  return {
    async writeFile(name: string, content: string) {
      const buffer = Buffer.from(content);
      file.check(buffer.length);
      waiting++;
      const entry = new Readable({
        // Called once, when yazl comes to this entry: the whole of it is pushed at once.
        read() {
          waiting--;
          this.push(buffer);
          this.push(null);
          begun.emit('begun');
        },
      });
      zip.addReadStream(entry, name, { size: buffer.length });
      while (waiting > ZIP_QUEUE) await file.until(begun, 'begun');
    },
    async commit() {
      zip.end();
      await file.finish();
    },
    async abort() {
      zip.outputStream.unpipe(file.stream);
      await file.discard();
    },
  };
}
