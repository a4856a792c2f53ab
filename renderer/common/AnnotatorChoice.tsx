import type { Annotator } from '../../schema/model';

interface Props {
  legend: string;
  annotators: readonly Annotator[];
  chosen: ReadonlySet<string>;
  onChange(chosen: ReadonlySet<string>): void;
}

/** A checkbox per annotator (layer), the local one marked “(you)”. */
export function AnnotatorChoice({ legend, annotators, chosen, onChange }: Props) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {annotators.map((a) => (
        <label key={a.id} className="choice">
          <input
            type="checkbox"
            checked={chosen.has(a.id)}
            onChange={(e) => {
              const next = new Set(chosen);
              if (e.target.checked) next.add(a.id);
              else next.delete(a.id);
              onChange(next);
            }}
          />
          {a.name}
          {a.isLocal ? ' (you)' : ''}
        </label>
      ))}
    </fieldset>
  );
}
