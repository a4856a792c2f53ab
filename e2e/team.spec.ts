/**
 * A team on one PostgreSQL server (issue 16), as its people use it: the admin sets the server up
 * and shares an article from the command line (the two commands the README gives); two analysts,
 * each in their own Byline on their own workspace, connect in Settings > Team; one tags, and the
 * other sees the tag arrive in their open review view, without reloading. Runs on a throwaway
 * cluster; skipped, with the reason, where no PostgreSQL is installed.
 */
import AxeBuilder from '@axe-core/playwright';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { findPostgres, PgCluster } from '../electron/testing/pg-cluster';
import { expect, test, type BylineApp } from './support/app';
import { tagWithHotkey } from './support/article';
import { openArticle } from './support/library';

const postgres = findPostgres();
const ARTICLE = resolve('e2e/data/review/harbor-pier.txt');
const TITLE = /^Harbor pier repairs delayed again/;

let cluster: PgCluster | null = null;
const passwords = new Map<string, string>();
/** The team's address for a role, without its password (typed apart, as a person does). */
const address = (role: string) => `postgres://${role}@127.0.0.1:${cluster!.port}/newsroom`;

/** Runs the built `byline` command, as a team admin does. */
function byline(args: string[], env: Record<string, string> = {}): string {
  return execFileSync(process.execPath, [resolve('bin/byline.mjs'), ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
}

test.describe('a team on one PostgreSQL server', () => {
  test.skip('missing' in postgres, 'missing' in postgres ? postgres.missing : '');

  test.beforeAll(async () => {
    if ('missing' in postgres) return;
    cluster = await PgCluster.start(postgres.bin);
    const superuser = new pg.Client({ connectionString: cluster.url() });
    await superuser.connect();
    await superuser.query('CREATE DATABASE newsroom');
    await superuser.end();
    const admin = cluster.url('postgres', undefined, 'newsroom');
    byline(['team', 'init', admin]);
    for (const [name, role] of [['ada', 'admin'], ['ana', 'analyst'], ['ben', 'analyst']]) {
      const said = byline(['team', 'add', admin, name!, '--as', role!]);
      passwords.set(name!, /with the password (\S+)/.exec(said)![1]!);
    }
    // The admin shares the article: imported into their workspace, which then syncs up.
    const workspace = join(mkdtempSync(join(tmpdir(), 'byline-team-admin-')), 'ada.sqlite');
    byline(['import', ARTICLE, '--workspace', workspace]);
    byline(['team', 'connect', address('ada'), '--workspace', workspace], { PGPASSWORD: passwords.get('ada')! });
  });
  test.afterAll(() => cluster?.stop());

  async function connect(app: BylineApp, name: string, role: string): Promise<void> {
    const { page } = app;
    const prompt = page.getByRole('region', { name: 'What name should colleagues see on your tags?' });
    await prompt.getByRole('textbox', { name: 'Your name' }).fill(name);
    await prompt.getByRole('textbox', { name: 'Your name' }).press('Enter');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    const team = page.getByRole('region', { name: 'Team' });
    await team.getByRole('textbox', { name: 'Server address' }).fill(address(role));
    await team.getByLabel('Password').fill(passwords.get(role)!);
    await team.getByRole('button', { name: 'Connect' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Team:' })).toHaveText('Team: Synced');
    await expect(team).toContainText(`as ${role}: Synced.`);
  }

  test('two analysts connect in Settings; one tags, and the other’s open review view shows it without reloading', async ({ app, colleague }) => {
    test.slow();
    // A wrong password is refused with the reason, and nothing is connected.
    await app.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
    const team = app.page.getByRole('region', { name: 'Team' });
    await team.getByRole('textbox', { name: 'Server address' }).fill(address('ana'));
    await team.getByLabel('Password').fill('not-the-password');
    await team.getByRole('button', { name: 'Connect' }).click();
    await expect(team.getByRole('alert')).toContainText('refused the password for “ana”');
    expect(app.query('SELECT * FROM team_connection')).toEqual([]);
    await app.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Library' }).click();

    await connect(app, 'Ana', 'ana');
    await connect(colleague, 'Ben', 'ben');
    const axe = new AxeBuilder({ page: colleague.page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']);
    expect((await axe.analyze()).violations).toEqual([]);
    // The password is not in either workspace: the test host keeps it in memory.
    expect(colleague.query<{ secret: Buffer | null }>('SELECT secret FROM team_connection')).toEqual([{ secret: null }]);

    // Ben reviews the team's article, his layer against Ana's, before she has tagged anything.
    await openArticle(colleague, TITLE);
    await colleague.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Review this article' }).click();
    await expect(colleague.page.getByRole('heading', { level: 1, name: /^Review: / })).toBeVisible();
    const annotators = colleague.query<{ id: string; name: string }>('SELECT id, name FROM annotators');
    const idOf = (name: string) => annotators.find((a) => a.name === name)!.id;
    await colleague.page.getByRole('combobox', { name: 'Layer A' }).selectOption(idOf('Ben'));
    await colleague.page.getByRole('combobox', { name: 'Layer B' }).selectOption(idOf('Ana'));
    const differences = colleague.page.getByRole('listbox', { name: 'Differences' });
    await expect(differences.getByRole('option')).toHaveCount(0);

    // Ana tags a source in her own Byline.
    await openArticle(app, TITLE);
    await tagWithHotkey(app.page, 'the harbor master', '2');
    await expect(app.page.getByRole('status').filter({ hasText: 'Team:' })).toHaveText('Team: Synced');

    // It arrives in Ben's open review view, as a difference only in Ana's layer.
    await expect(differences.getByRole('option').filter({ hasText: 'the harbor master' })).toHaveCount(1);
    expect(
      colleague.query('SELECT n.name, a.quote FROM annotations a JOIN annotators n ON n.id = a.annotator_id WHERE n.name = ?', 'Ana'),
    ).toEqual([{ name: 'Ana', quote: 'the harbor master' }]);
  });
});
