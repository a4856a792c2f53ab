/**
 * A throwaway PostgreSQL cluster for the team tests: initdb in a temporary folder, a server on a
 * free port of 127.0.0.1 with password (SCRAM) logins, removed at the end. Tests that need one
 * call `findPostgres()` first and skip, saying why, where no PostgreSQL is installed.
 *
 * PostgreSQL refuses to run as root; as root (CI) the cluster runs as the `postgres` user that
 * Debian's package creates, in a folder owned by it.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export const SUPERUSER_PASSWORD = 'byline-test-superuser';

/** The folder of initdb and pg_ctl, or why there is none. */
export function findPostgres(): { bin: string } | { missing: string } {
  const fromPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  if (fromPath) return { bin: join(fromPath, '..') };
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian).filter((v) => existsSync(join(debian, v, 'bin', 'initdb')));
    versions.sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return { bin: join(debian, versions[0], 'bin') };
  }
  return { missing: 'no PostgreSQL server is installed (no initdb on PATH or in /usr/lib/postgresql; `apt-get install postgresql`)' };
}

export class PgCluster {
  readonly port: number;
  private readonly dir: string;
  private readonly bin: string;
  private readonly runAs: { uid: number; gid: number } | null;

  private constructor(bin: string, dir: string, port: number, runAs: { uid: number; gid: number } | null) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.runAs = runAs;
  }

  static async start(bin: string): Promise<PgCluster> {
    const runAs = process.getuid?.() === 0 ? postgresUser() : null;
    // The test run's own temporary folder is closed to other users, so the postgres user's is not in it.
    const dir = mkdtempSync(join(runAs ? '/tmp' : tmpdir(), 'byline-pg-'));
    if (runAs) chownSync(dir, runAs.uid, runAs.gid);
    const pwfile = join(dir, 'pw');
    writeFileSync(pwfile, SUPERUSER_PASSWORD);
    if (runAs) chownSync(pwfile, runAs.uid, runAs.gid);
    chmodSync(pwfile, 0o600);
    const cluster = new PgCluster(bin, dir, await freePort(), runAs);
    cluster.run('initdb', ['-D', cluster.dataDir, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${pwfile}`, '-E', 'UTF8', '--locale=C.UTF-8']);
    cluster.resume();
    return cluster;
  }

  /** A connection string for `user` (the superuser by default). */
  url(user = 'postgres', password = SUPERUSER_PASSWORD, database = 'postgres'): string {
    return `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@127.0.0.1:${this.port}/${database}`;
  }

  /** Stops the server at once, as a network cut looks to a client: open connections are dropped. */
  halt(): void {
    this.run('pg_ctl', ['-D', this.dataDir, '-m', 'immediate', '-w', 'stop']);
  }

  /** Starts the server again on the same port and data. */
  resume(): void {
    const options = `-c listen_addresses=127.0.0.1 -c port=${this.port} -c unix_socket_directories=${this.dir} -c fsync=off`;
    this.run('pg_ctl', ['-D', this.dataDir, '-o', options, '-l', join(this.dir, 'log'), '-w', 'start']);
  }

  /** Stops the server and removes its folder. */
  stop(): void {
    try {
      this.run('pg_ctl', ['-D', this.dataDir, '-m', 'fast', '-w', 'stop']);
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }

  private get dataDir(): string {
    return join(this.dir, 'data');
  }

  private run(program: string, args: string[]): void {
    execFileSync(join(this.bin, program), args, {
      stdio: ['ignore', 'ignore', 'pipe'],
      cwd: this.dir,
      ...(this.runAs ?? {}),
    });
  }
}

function postgresUser(): { uid: number; gid: number } {
  const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
  if (id.status !== 0) {
    throw new Error(`PostgreSQL does not run as root (${userInfo().username}), and there is no postgres user to run it as`);
  }
  return { uid: Number(id.stdout), gid: Number(gid.stdout) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
