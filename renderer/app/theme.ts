/** Light or dark: following the system (`prefers-color-scheme`) unless the person chose one. */
export type ThemeChoice = 'system' | 'light' | 'dark';

export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

const SETTING = 'byline.theme';
const listeners = new Set<(choice: ThemeChoice) => void>();

const isChoice = (value: unknown): value is ThemeChoice => THEME_CHOICES.includes(value as ThemeChoice);

/** The choice in effect: what was chosen on this computer, else the system's. */
export function currentTheme(): ThemeChoice {
  const stored = localStorage.getItem(SETTING);
  return isChoice(stored) ? stored : 'system';
}

/**
 * Shows the theme at once and keeps it for the next start. The style sheet reads the choice from
 * `data-theme` on <html>: `system` lets `color-scheme: light dark` follow the system.
 */
export function setTheme(choice: ThemeChoice): void {
  if (!isChoice(choice)) throw new Error(`Unknown theme “${String(choice)}”: choose system, light or dark.`);
  if (choice === 'system') localStorage.removeItem(SETTING);
  else localStorage.setItem(SETTING, choice);
  applyTheme();
  for (const listener of listeners) listener(choice);
}

/** Puts the stored choice on <html>; run before the first render so nothing flashes in the other theme. */
export function applyTheme(): void {
  document.documentElement.dataset.theme = currentTheme();
}

/** Calls back whenever setTheme changes the theme (from Settings or the menu); returns its cleanup. */
export function onThemeChange(listener: (choice: ThemeChoice) => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
