import { useId, useState, type FormEvent, type ReactNode } from 'react';
import type { Annotator } from '../../schema/model';
import { call, messageOf } from '../api';
import { nameProblem } from './annotator-name';

interface Props {
  /** The name the field starts with. */
  initial: string;
  /** Buttons after "Save name" (the prompt's "Not now"). */
  children?: ReactNode;
  onSaved(annotator: Annotator): void;
}

/**
 * The person's name, saved as the local annotator's. A name the host would refuse is explained
 * next to the field, and nothing is stored.
 */
export function NameField({ initial, children, onSaved }: Props) {
  const id = useId();
  const [name, setName] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const refused = nameProblem(name);
    setProblem(refused);
    if (refused) return;
    setSaving(true);
    try {
      const annotator = await call('annotators.rename', { name: name.trim() });
      setName(annotator.name);
      onSaved(annotator);
    } catch (error) {
      setProblem(messageOf(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="name-field" onSubmit={(event) => void save(event)}>
      <label htmlFor={`${id}-name`}>Your name</label>
      <input
        id={`${id}-name`}
        type="text"
        autoComplete="name"
        value={name}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-problem` : undefined}
        onChange={(event) => setName(event.target.value)}
      />
      <button type="submit" className="primary" disabled={saving}>
        Save name
      </button>
      {children}
      {problem && (
        <p id={`${id}-problem`} role="alert" className="notice-error">
          {problem}
        </p>
      )}
    </form>
  );
}
