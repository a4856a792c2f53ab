import type { AttributeDef } from '../../schema/model';

interface Props {
  attributes: AttributeDef[];
  onChange(attributes: AttributeDef[]): void;
}

const TYPES: AttributeDef['type'][] = ['choice', 'boolean', 'text', 'number'];

/** The attributes a label's annotations carry. A key, once made, stays: stored values hang on it. */
export function AttributeEditor({ attributes, onChange }: Props) {
  const replace = (i: number, def: AttributeDef) => onChange(attributes.map((a, j) => (j === i ? def : a)));
  const add = () => {
    const keys = new Set(attributes.map((a) => a.key));
    let n = attributes.length + 1;
    while (keys.has(`attribute${n}`)) n++;
    onChange([...attributes, { key: `attribute${n}`, name: `Attribute ${n}`, type: 'text' }]);
  };
  return (
    <fieldset className="attribute-editor">
      <legend>Attributes</legend>
      {attributes.length === 0 && <p className="hint">None.</p>}
      {attributes.map((def, i) => (
        <div key={def.key} className="attribute-row" role="group" aria-label={`Attribute ${def.name}`}>
          <label>
            Name
            <input type="text" value={def.name} onChange={(e) => replace(i, { ...def, name: e.target.value })} required />
          </label>
          <label>
            Type
            <select
              value={def.type}
              onChange={(e) => {
                const type = e.target.value as AttributeDef['type'];
                replace(i, type === 'choice' ? { key: def.key, name: def.name, type, options: ['yes', 'no'] } : { key: def.key, name: def.name, type });
              }}
            >
              {TYPES.map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          </label>
          {def.type === 'choice' && (
            <label>
              Choices (comma-separated)
              <input
                type="text"
                value={def.options.join(', ')}
                onChange={(e) =>
                  replace(i, { ...def, options: e.target.value.split(',').map((o) => o.trim()).filter(Boolean) })
                }
              />
            </label>
          )}
          <button type="button" className="small" onClick={() => onChange(attributes.filter((_, j) => j !== i))}>
            Remove
          </button>
        </div>
      ))}
      <button type="button" className="small" onClick={add}>
        Add attribute
      </button>
    </fieldset>
  );
}
