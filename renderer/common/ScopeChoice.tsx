import { useId, type ReactNode } from 'react';
import type { Collection } from '../../schema/model';
import { CollectionSelect } from './CollectionSelect';

export interface ScopeOption<K extends string> {
  kind: K;
  label: ReactNode;
  disabled?: boolean;
  /** What the option needs chosen next (a collection, search words), shown under it while it is chosen. */
  detail?: ReactNode;
}

interface Props<K extends string> {
  legend: string;
  options: readonly ScopeOption<NoInfer<K>>[];
  value: K;
  onChange(kind: NoInfer<K>): void;
  /** Shown after the options (a checkbox that narrows any of them). */
  children?: ReactNode;
}

/** Which articles a view or an export is over: one radio button per kind of scope. */
export function ScopeChoice<K extends string>({ legend, options, value, onChange, children }: Props<K>) {
  const name = useId();
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.map((option) => (
        <ScopeRadio key={option.kind} name={name} option={option} checked={value === option.kind} onChange={onChange} />
      ))}
      {children}
    </fieldset>
  );
}

function ScopeRadio<K extends string>({ name, option, checked, onChange }: { name: string; option: ScopeOption<K>; checked: boolean; onChange(kind: K): void }) {
  return (
    <>
      <label className="choice">
        <input type="radio" name={name} value={option.kind} checked={checked} disabled={option.disabled} onChange={() => onChange(option.kind)} />
        {option.label}
      </label>
      {checked && option.detail}
    </>
  );
}

/** "A collection", with the choice of which one under it. */
export function collectionOption(collections: readonly Collection[], value: string, onChange: (id: string) => void): ScopeOption<'collection'> {
  return {
    kind: 'collection',
    label: 'A collection',
    disabled: collections.length === 0,
    detail: <CollectionSelect collections={collections} value={value} onChange={onChange} />,
  };
}
