/**
 * Where an export writes: always under a temporary name beside the final one, renamed into place
 * only once everything is written, so a failed or canceled export never leaves a partial file
 * (or folder) under the name the person chose.
 */
import { type EventEmitter, once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { mkdir, readdir, rename, rm, rmdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { crc32, createGzip, deflateRawSync, type Gzip } from 'node:zlib';
import { Zip, type ZipInputFile } from 'fflate';
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
  /** Writes text the way `sink` does, already encoded as UTF-8. */
  writeBytes(bytes: Uint8Array): Promise<void>;
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
  const writeBytes = async (bytes: Uint8Array) => {
    file.check(bytes.length);
    if (!target.write(bytes)) await file.drained(target);
  };
  return {
    get bytes() {
      return file.budget.spent;
    },
    // Encoded once, here: counting the bytes first and leaving the stream to encode again took a
    // third of writing a large JSONL export.
    sink: { write: (chunk) => writeBytes(Buffer.from(chunk)) },
    writeBytes,
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
 * Files put into one zip archive, written under a temporary name and renamed into place. fflate
 * lays out the archive and Node's zlib deflates each file as it is handed over (deflating in
 * JavaScript, with fflate's ZipDeflate, was half of a 10,000-article brat export; deflating on
 * zlib's thread pool instead cost more in its per-call machinery than it gained on two cores).
 * Each file's bytes are written before the next is taken, so memory holds one file at a time,
 * however large the archive.
 */
export async function openZipOutput(path: string, options: OutputOptions = {}) {
  const file = await TemporaryFile.open(path, options.byteLimit);
  const ready: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure ??= error;
    else ready.push(chunk);
  });
  const flush = async () => {
    if (failure) throw describe(failure, path);
    for (const chunk of ready.splice(0)) {
      if (!file.stream.write(chunk)) await file.drained(file.stream);
    }
  };
  return {
    async writeFile(name: string, content: string) {
      const bytes = Buffer.from(content);
      file.check(bytes.length);
      const entry: ZipInputFile = { filename: name, size: bytes.length, crc: crc32(bytes), compression: DEFLATE };
      zip.add(entry);
      // A copy of just the deflated bytes: zlib's result is a view into its larger output buffer,
      // which would stay in memory until the file has written it.
      entry.ondata!(null, new Uint8Array(deflateRawSync(bytes, { level: ZIP_LEVEL })), true);
      await flush();
    },
    async commit() {
      zip.end();
      await flush();
      file.stream.end();
      await file.finish();
    },
    async abort() {
      zip.terminate();
      await file.discard();
    },
  };
}

/** The zip compression method "deflate" (APPNOTE 4.4.5). */
const DEFLATE = 8;
/** zlib's fastest level: on news text a zip 3% larger than the default level's, in two thirds of the time. */
const ZIP_LEVEL = 1;
