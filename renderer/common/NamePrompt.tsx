import { useEffect, useId, useRef, useState } from 'react';
import type { Annotator } from '../../schema/model';
import { call } from '../api';
import { NameField } from './NameField';

/** "Not now" holds until Byline starts again. */
let notNow = false;

/**
 * Asks for the person's name until they give it (first run). It sits above the library and
 * never takes the focus: the person may look around first, and the name can wait, since
 * everything tagged follows a later rename.
 */
export function NamePrompt({ onNamed }: { onNamed(annotator: Annotator): void }) {
  const titleId = useId();
  const [suggested, setSuggested] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [hidden, setHidden] = useState(notNow);
  const savedMessage = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    let current = true;
    // Without the answer there is nothing to ask; the library says what went wrong, if anything.
    call('workspace.info', {}).then(
      (info) => current && !info.nameChosen && setSuggested(info.annotator.name),
      () => {},
    );
    return () => {
      current = false;
    };
  }, []);

  useEffect(() => {
    if (saved) savedMessage.current?.focus();
  }, [saved]);

  if (hidden || suggested === null) return null;
  if (saved !== null) {
    return (
      <p className="name-prompt name-prompt-saved" role="status" tabIndex={-1} ref={savedMessage}>
        Thank you. Colleagues see your tags as “{saved}”. Settings can change it.
      </p>
    );
  }
  return (
    <section className="name-prompt" aria-labelledby={titleId}>
      <h2 id={titleId}>What name should colleagues see on your tags?</h2>
      <p className="hint">
        It goes with every layer you export or share for review. You can change it later in Settings.
      </p>
      <NameField
        initial={suggested}
        onSaved={(annotator) => {
          setSaved(annotator.name);
          onNamed(annotator);
        }}
      >
        <button
          type="button"
          onClick={() => {
            notNow = true;
            setHidden(true);
          }}
        >
          Not now
        </button>
      </NameField>
    </section>
  );
}
