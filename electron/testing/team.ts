/**
 * For the team tests: one throwaway PostgreSQL cluster per test file (testing/pg-cluster.ts), and
 * for each test a new database with the team schema, so tests never see each other's rows. The
 * colleagues are login roles of the cluster: an admin, three analysts and a reviewer.
 */
import { afterAll, beforeAll } from 'vitest';
import { addTeamMember, initTeamServer, parseTeamAddress, TeamServer, type TeamRole } from '../team/team-server';
import { findPostgres, PgCluster } from './pg-cluster';

const found = findPostgres();
/** Why the team tests skip here, or null when PostgreSQL is installed. */
export const noPostgres: string | null = 'missing' in found ? found.missing : null;

export const MEMBERS: Record<string, TeamRole> = { ada: 'admin', ana: 'analyst', ben: 'analyst', cai: 'analyst', rev: 'reviewer' };
export const passwordOf = (role: string) => `${role}-secret`;

export interface TeamTestServer {
  cluster: PgCluster;
  /** A new database with the team schema; its address for `role` (with the password). */
  newTeam(): Promise<(role: string) => string>;
}

export function teamServerPerFile(): TeamTestServer {
  let cluster: PgCluster | null = null;
  let databases = 0;
  beforeAll(async () => {
    if ('missing' in found) return;
    cluster = await PgCluster.start(found.bin);
    const admin = await TeamServer.connect(parseTeamAddress(cluster.url()));
    try {
      await initTeamServer(admin);
      for (const [name, role] of Object.entries(MEMBERS)) await addTeamMember(admin, name, passwordOf(name), role);
    } finally {
      await admin.close();
    }
  }, 60_000);
  afterAll(() => cluster?.stop());
  return {
    get cluster() {
      return cluster!;
    },
    async newTeam() {
      const database = `team_${++databases}`;
      const superuser = await TeamServer.connect(parseTeamAddress(cluster!.url()));
      try {
        await superuser.query(`CREATE DATABASE ${database}`);
      } finally {
        await superuser.close();
      }
      const owner = await TeamServer.connect(parseTeamAddress(cluster!.url('postgres', undefined, database)));
      try {
        await initTeamServer(owner);
      } finally {
        await owner.close();
      }
      return (role: string) => cluster!.url(role, passwordOf(role), database);
    },
  };
}
