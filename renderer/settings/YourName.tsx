import { useEffect, useState } from 'react';
import { call, messageOf } from '../api';
import { NameField } from '../common/NameField';

/** The person's name: what colleagues see on the layer this workspace exports. */
export function YourName() {
  const [name, setName] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    call('workspace.info', {}).then(
      (info) => current && setName(info.annotator.name),
      (caught: unknown) => current && setError(messageOf(caught)),
    );
    return () => {
      current = false;
    };
  }, []);

  return (
    <section className="your-name" aria-labelledby="your-name-title">
      <h2 id="your-name-title">Your name</h2>
      <p className="hint">
        Colleagues see it on the layer you export or send for review. Everything you tagged follows a new name.
      </p>
      {error && (
        <p role="alert" className="notice-error">
          {error}
        </p>
      )}
      {name !== null && (
        <NameField
          initial={name}
          onSaved={(annotator) => {
            setName(annotator.name);
            setStatus(`Saved: colleagues see your tags as “${annotator.name}”.`);
          }}
        />
      )}
      <p role="status" className="hint">
        {status}
      </p>
    </section>
  );
}
