import { useEffect, useState } from 'react';
import { THEME_CHOICES, currentTheme, onThemeChange, setTheme, type ThemeChoice } from '../app/theme';

const NAMES: Record<ThemeChoice, string> = { system: 'Same as the system', light: 'Light', dark: 'Dark' };

/** Light or dark, or following the system; a preference of this computer, as the menu's View > Theme. */
export function ThemeSetting() {
  const [choice, setChoice] = useState(currentTheme);
  // The menu can change it while this page is open.
  useEffect(() => onThemeChange(setChoice), []);
  return (
    <section className="theme-setting" aria-labelledby="theme-title">
      <h2 id="theme-title">Appearance</h2>
      <label>
        Theme{' '}
        <select value={choice} onChange={(e) => setTheme(e.target.value as ThemeChoice)}>
          {THEME_CHOICES.map((c) => (
            <option key={c} value={c}>
              {NAMES[c]}
            </option>
          ))}
        </select>
      </label>
    </section>
  );
}
