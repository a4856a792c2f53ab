import { useState } from 'react';
import type { AttributeDef, AttributeValue } from '../../schema/model';

interface Props {
  defs: readonly AttributeDef[];
  values: Record<string, unknown>;
  /** One attribute changed (null: cleared). */
  onChange(key: string, value: AttributeValue | null): void;
}

/** A form field per attribute of the label; each change is saved (and undoable) on its own. */
export function AttributeFields({ defs, values, onChange }: Props) {
  if (defs.length === 0) return null;
  return (
    <fieldset className="attribute-fields">
      <legend>Attributes</legend>
      {defs.map((def) => (
        <AttributeField key={def.key} def={def} value={values[def.key]} onChange={(v) => onChange(def.key, v)} />
      ))}
    </fieldset>
  );
}

function AttributeField({
  def,
  value,
  onChange,
}: {
  def: AttributeDef;
  value: unknown;
  onChange(value: AttributeValue | null): void;
}) {
  const id = `attribute-${def.key}`;
  switch (def.type) {
    case 'choice':
      return (
        <p>
          <label htmlFor={id}>{def.name}</label>
          <select id={id} value={typeof value === 'string' ? value : ''} onChange={(e) => onChange(e.target.value || null)}>
            <option value="">—</option>
            {def.options.map((option) => (
              <option key={option} value={option}>
                {option}
              </option>
            ))}
          </select>
        </p>
      );
    case 'boolean':
      return (
        <p>
          <label htmlFor={id}>{def.name}</label>
          <select
            id={id}
            value={value === true ? 'yes' : value === false ? 'no' : ''}
            onChange={(e) => onChange(e.target.value === '' ? null : e.target.value === 'yes')}
          >
            <option value="">—</option>
            <option value="yes">yes</option>
            <option value="no">no</option>
          </select>
        </p>
      );
    case 'text':
    case 'number':
      return <TypedField id={id} def={def} value={value} onChange={onChange} />;
  }
}

/** Text and number fields save when the person leaves them (or presses Enter), not per keystroke. */
function TypedField({
  id,
  def,
  value,
  onChange,
}: {
  id: string;
  def: AttributeDef;
  value: unknown;
  onChange(value: AttributeValue | null): void;
}) {
  const stored = value === undefined || value === null ? '' : String(value);
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft === null || draft === stored) return setDraft(null);
    const trimmed = draft.trim();
    onChange(trimmed === '' ? null : def.type === 'number' ? Number(trimmed) : draft);
    setDraft(null);
  };
  return (
    <p>
      <label htmlFor={id}>{def.name}</label>
      <input
        id={id}
        type={def.type === 'number' ? 'number' : 'text'}
        value={draft ?? stored}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
        }}
      />
    </p>
  );
}
