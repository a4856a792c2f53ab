import { useEffect, useState } from 'react';
import type { Label } from '../../schema/model';
import { colorForNewLabel } from '../../schema/palette';
import { call, messageOf } from '../api';
import { underlineStyles } from '../editor/label-cues';
import { LabelEditor } from './LabelEditor';
import { TeamSetting } from '../team/TeamSetting';
import { SuggestionSetting } from './SuggestionSetting';
import { ThemeSetting } from './ThemeSetting';
import { YourName } from './YourName';

/** The label schema: labels for spans and link types, with their colors, hotkeys and attributes. */
export function SettingsView() {
  const [labels, setLabels] = useState<Label[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    call('labels.list', {}).then(
      (list) => current && setLabels(list),
      (caught: unknown) => current && setError(messageOf(caught)),
    );
    return () => {
      current = false;
    };
  }, [generation]);

  const reload = () => setGeneration((g) => g + 1);

  const add = async (kind: Label['kind']) => {
    const existing = labels ?? [];
    const used = new Set(existing.map((l) => l.hotkey));
    const hotkey = kind === 'span' ? (['1', '2', '3', '4', '5', '6', '7', '8', '9'].find((k) => !used.has(k)) ?? null) : null;
    let n = existing.length + 1;
    const base = kind === 'span' ? 'New label' : 'new link type';
    while (existing.some((l) => l.name.toLowerCase() === `${base} ${n}`.toLowerCase())) n++;
    try {
      setError(null);
      await call('labels.create', {
        name: `${base} ${n}`,
        color: colorForNewLabel(existing.length),
        kind,
        hotkey,
        attributes: [],
      });
      reload();
    } catch (caught) {
      setError(messageOf(caught));
    }
  };

  if (!labels) return <main className="settings">{error ? <p role="alert">{error}</p> : <p>Loading…</p>}</main>;

  const underlines = underlineStyles(labels);
  const section = (kind: Label['kind'], title: string, addLabel: string) => (
    <section aria-labelledby={`${kind}-labels`}>
      <div className="toolbar">
        <h2 id={`${kind}-labels`}>{title}</h2>
        <button type="button" onClick={() => void add(kind)}>
          {addLabel}
        </button>
      </div>
      {labels
        .filter((l) => l.kind === kind)
        .map((label) => (
          <LabelEditor key={label.id} label={label} underline={underlines.get(label.id)} onChanged={reload} />
        ))}
    </section>
  );

  return (
    <main className="settings" aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <p className="hint">
        Renaming a label or changing its color keeps everything tagged with it. Hotkeys are the digits 1–9.
      </p>
      {error && (
        <p role="alert" className="notice-error">
          {error}
        </p>
      )}
      <YourName />
      <ThemeSetting />
      <SuggestionSetting />
      <TeamSetting />
      {section('span', 'Labels', 'Add label')}
      {section('relation', 'Link types', 'Add link type')}
    </main>
  );
}
