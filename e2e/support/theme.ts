import type { BylineApp } from './app';

export type Theme = 'Same as the system' | 'Light' | 'Dark';

/** Chooses the theme in Settings, as a person does. */
export async function chooseTheme(app: BylineApp, theme: Theme): Promise<void> {
  await app.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  await app.page.getByRole('region', { name: 'Appearance' }).getByRole('combobox', { name: 'Theme' }).selectOption({ label: theme });
}
