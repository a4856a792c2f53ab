/**
 * A connection to a team server: a PostgreSQL database with the schema of
 * schema/team-migrations. Every failure becomes a TeamError whose message says what happened in
 * words an analyst can act on (a wrong password, a role without rights, a server of a newer
 * schema, a lost connection), and whether it is only that the server cannot be reached now.
 */
import pg from 'pg';
import { BylineError } from '../../schema/errors';
import { latestTeamSchemaVersion, teamMigrations } from '../../schema/team-migrations';

export type TeamProblem = 'offline' | 'refused' | 'newer' | 'failed';

export class TeamError extends BylineError {
  readonly problem: TeamProblem;

  constructor(problem: TeamProblem, message: string) {
    super('bad_input', message);
    this.name = 'TeamError';
    this.problem = problem;
  }
}

/** What a team connection is made of: the address without its password, and the password apart. */
export interface TeamAddress {
  /** postgres://role@host:port/database */
  server: string;
  role: string;
  password: string | null;
}

/** Splits a connection string into the address kept in the workspace and the password kept apart. */
export function parseTeamAddress(url: string): TeamAddress {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TeamError('failed', `“${url}” is not a PostgreSQL address (postgres://role@host:port/database).`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new TeamError('failed', `“${parsed.protocol}” is not a PostgreSQL address: it must start with postgres://.`);
  }
  const role = decodeURIComponent(parsed.username);
  if (!role) throw new TeamError('failed', `${url} names no role: write postgres://your-role@host/database.`);
  const password = parsed.password ? decodeURIComponent(parsed.password) : null;
  parsed.password = '';
  return { server: parsed.toString(), role, password };
}

export class TeamServer {
  readonly address: TeamAddress;
  readonly client: pg.Client;

  private constructor(address: TeamAddress, client: pg.Client) {
    this.address = address;
    this.client = client;
  }

  /**
   * Connects as the address's role. Without a password in the address, pg takes PGPASSWORD or
   * ~/.pgpass, as psql does.
   */
  static async connect(address: TeamAddress, options: { timeoutMs?: number } = {}): Promise<TeamServer> {
    const url = new URL(address.server);
    const client = new pg.Client({
      host: url.hostname,
      port: url.port ? Number(url.port) : 5432,
      database: decodeURIComponent(url.pathname.slice(1)) || address.role,
      user: address.role,
      ...(address.password !== null ? { password: address.password } : {}),
      connectionTimeoutMillis: options.timeoutMs ?? 5000,
      application_name: 'byline',
    });
    // An error on an idle connection (the server went away) must not crash the process; the next
    // query reports it.
    client.on('error', () => {});
    try {
      await client.connect();
    } catch (error) {
      await client.end().catch(() => {});
      throw teamError(error, address);
    }
    return new TeamServer(address, client);
  }

  async query<R extends pg.QueryResultRow>(sql: string, values: unknown[] = []): Promise<R[]> {
    try {
      return (await this.client.query<R>(sql, values)).rows;
    } catch (error) {
      throw teamError(error, this.address);
    }
  }

  /** Runs `work` in one server transaction: all of it is stored, or none. */
  async transaction<T>(work: () => Promise<T>, mode = ''): Promise<T> {
    await this.query(`BEGIN ${mode}`);
    try {
      const result = await work();
      await this.query('COMMIT');
      return result;
    } catch (error) {
      await this.client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  }

  /** The schema version of the server; refuses one that this Byline does not know. */
  async checkSchema(): Promise<number> {
    const [exists] = await this.query<{ found: boolean }>(`SELECT to_regclass('byline.migrations') IS NOT NULL AS found`);
    if (!exists?.found) {
      throw new TeamError('failed', `${this.address.server} has no Byline team schema: a team admin runs \`byline team init ${this.address.server}\` first.`);
    }
    const [row] = await this.query<{ version: number | null }>('SELECT max(version) AS version FROM byline.migrations');
    const version = row?.version ?? 0;
    if (version > latestTeamSchemaVersion) {
      throw new TeamError(
        'newer',
        `${this.address.server} has team schema version ${version}, newer than this Byline knows (${latestTeamSchemaVersion}): update Byline to sync with it. Nothing was changed.`,
      );
    }
    return version;
  }

  /** What the connected role may do: write its layers (every member), reviewed layers, the schema and articles. */
  async rights(): Promise<{ analyst: boolean; reviewer: boolean; admin: boolean }> {
    const [roles] = await this.query<{ found: boolean }>(`SELECT count(*) = 3 AS found FROM pg_roles WHERE rolname IN ('byline_analyst', 'byline_reviewer', 'byline_admin')`);
    if (!roles?.found) await this.checkSchema();
    const [row] = await this.query<{ analyst: boolean; reviewer: boolean; admin: boolean }>(
      `SELECT pg_has_role(current_user, 'byline_analyst', 'MEMBER') AS analyst,
              pg_has_role(current_user, 'byline_reviewer', 'MEMBER') AS reviewer,
              pg_has_role(current_user, 'byline_admin', 'MEMBER') AS admin`,
    );
    if (!row?.analyst) {
      throw new TeamError(
        'refused',
        `The role “${this.address.role}” is not a member of the team on ${this.address.server}: a team admin runs \`byline team add ${this.address.role}\`.`,
      );
    }
    return row;
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => {});
  }
}

/** Creates or brings up to date the team schema on the server (`byline team init`). */
export async function initTeamServer(server: TeamServer): Promise<{ from: number; to: number }> {
  const [exists] = await server.query<{ found: boolean }>(`SELECT to_regclass('byline.migrations') IS NOT NULL AS found`);
  const from = exists?.found ? await server.checkSchema() : 0;
  for (const migration of teamMigrations) {
    if (migration.version <= from) continue;
    await server.transaction(async () => {
      await server.query(migration.sql);
      await server.query('INSERT INTO byline.migrations (version, name) VALUES ($1, $2)', [migration.version, migration.name]);
    });
  }
  return { from, to: latestTeamSchemaVersion };
}

export type TeamRole = 'analyst' | 'reviewer' | 'admin';

/** Creates a login role for a colleague, a member of the team as `role` (`byline team add`). */
export async function addTeamMember(server: TeamServer, name: string, password: string, role: TeamRole): Promise<void> {
  if (!/^[a-z_][a-z0-9_.-]{0,62}$/i.test(name)) {
    throw new TeamError('failed', `“${name}” cannot be a role name: use letters, digits, “_”, “.” or “-”, starting with a letter.`);
  }
  const [{ quoted } = { quoted: '' }] = await server.query<{ quoted: string }>('SELECT quote_ident($1) AS quoted', [name]);
  const [{ literal } = { literal: '' }] = await server.query<{ literal: string }>('SELECT quote_literal($1) AS literal', [password]);
  await server.transaction(async () => {
    const [found] = await server.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name]);
    await server.query(`${found ? 'ALTER' : 'CREATE'} ROLE ${quoted} LOGIN PASSWORD ${literal}`);
    await server.query(`GRANT byline_${role} TO ${quoted}`);
  });
}

/** The TeamError that says what went wrong, for any error of pg or the network. */
export function teamError(error: unknown, address: TeamAddress): TeamError {
  if (error instanceof TeamError) return error;
  const { code, message } = error as { code?: string; message?: string };
  const where = address.server;
  const offline = (why: string) =>
    new TeamError('offline', `${where} cannot be reached (${why}). Byline keeps everything here and sends it when the server is back.`);
  switch (code) {
    case '28P01':
    case '28000':
      return new TeamError('refused', `${where} refused the password for “${address.role}” (or there is no such role). Check the password and connect again.`);
    case '3D000':
      return new TeamError('failed', `${where}: there is no such database on the server.`);
    case '42501':
      return new TeamError(
        'refused',
        /row-level security/.test(message ?? '')
          ? `${where} refused the write: the role “${address.role}” may write only its own layers (${message}).`
          : `${where}: the role “${address.role}” has no right to do this (${message}).`,
      );
    case '57P01':
    case '57P02':
    case '57P03':
      return offline(`the server is shutting down or starting up: ${message}`);
  }
  if (/client password must be a string/.test(message ?? '')) {
    return new TeamError('refused', `${where} asks for the password of “${address.role}”: give it (in the app, or PGPASSWORD or ~/.pgpass for the command line).`);
  }
  // A system error (ECONNREFUSED, ECONNRESET, ETIMEDOUT...) or a connection that ended is the network's doing.
  if (/^E[A-Z]+$/.test(code ?? '') || /Connection terminated|timeout|ended unexpectedly|not queryable|Client was closed/i.test(message ?? '')) {
    return offline(message || code || String(error));
  }
  return new TeamError('failed', `${where}: ${message ?? String(error)}`);
}
