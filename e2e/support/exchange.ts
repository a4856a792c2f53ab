/** Colleagues' hand-overs as a person makes them: naming yourself, exporting and importing exchange files. */
import { expect, type Locator } from '@playwright/test';
import type { BylineApp } from './app';
import { goToLibrary, importFiles } from './library';

const EXCHANGE = 'Byline exchange file (.byline.json): everything, for colleagues';

/** Answers the first-run name prompt. */
export async function giveName(app: BylineApp, name: string): Promise<void> {
  const prompt = app.page.getByRole('region', { name: 'What name should colleagues see on your tags?' });
  await prompt.getByRole('textbox', { name: 'Your name' }).fill(name);
  await prompt.getByRole('textbox', { name: 'Your name' }).press('Enter');
  await expect(app.page.getByRole('status').filter({ hasText: 'Thank you.' })).toContainText(`“${name}”`);
}

/**
 * Exports every article as an exchange file through the library's dialog, with the layers named
 * in `keep` checked and the others unchecked; waits for "Export finished".
 */
export async function exportExchange(app: BylineApp, path: string, keep: string[]): Promise<void> {
  const { page } = app;
  await goToLibrary(app);
  await page.getByRole('button', { name: 'Export…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export' });
  await dialog.getByRole('combobox', { name: 'Format' }).selectOption({ label: EXCHANGE });
  const layers = dialog.getByRole('group', { name: 'Whose annotations' });
  const names: string[] = [];
  for (const box of await layers.getByRole('checkbox').all()) {
    const name = (await box.evaluate((input) => input.parentElement?.textContent ?? '')).trim();
    names.push(name);
    if (keep.includes(name)) await box.check();
    else await box.uncheck();
  }
  expect(names.filter((n) => keep.includes(n)).sort(), 'every layer to keep is offered').toEqual([...keep].sort());
  await app.answerSaveDialog(path);
  await dialog.getByRole('button', { name: 'Export…' }).click();
  const report = page.getByRole('region', { name: /^Export (finished|failed|canceled)$/ });
  await expect(report).toHaveAccessibleName('Export finished', { timeout: 30_000 });
  await report.getByRole('button', { name: 'Close' }).click();
}

/** Imports one exchange file through the Import dialog and returns its line in the report. */
export async function importExchange(app: BylineApp, path: string): Promise<Locator> {
  const report = await importFiles(app, [path]);
  const line = report.getByRole('listitem').filter({ hasText: path });
  await expect(line).toContainText('Imported');
  return line;
}
