import { useEffect, useId, useState, type KeyboardEvent } from 'react';
import type {
  ChangeEffect,
  FixSuggestion,
  ReplaceOutcome,
  ReplacePreview,
  ReplaceRule,
  ReplaceScope,
  TextChange,
} from '../../schema/find-replace';
import type { Label } from '../../schema/model';
import { call, messageOf } from '../api';
import { useModalDialog } from './useModalDialog';
import { useWindowKeys } from './useWindowKeys';

interface Props {
  open: boolean;
  scope: ReplaceScope;
  /** Where it replaces, in words: “this article”, “the collection “Batch A””. */
  scopeName: string;
  onReplaced?(outcome: ReplaceOutcome): void;
  /** `replaced`: some text changed while it was open. */
  onClose(replaced: boolean): void;
}

/** A preview on screen, with the rule it came from (applying recomputes the changes from it). */
interface Shown {
  rule: ReplaceRule;
  /** The rule in words, for “Nothing matches …”. */
  what: string;
  preview: ReplacePreview;
}

const keyOf = (documentId: string, change: TextChange) => `${documentId}:${change.start}`;
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const shortQuote = (quote: string) => (quote.length > 40 ? `${quote.slice(0, 39).trimEnd()}…` : quote);
const VERBS: Record<ChangeEffect['effect'], string> = { resized: 'resizes', trimmed: 'trims', deleted: 'deletes' };

/**
 * Find and replace in an article or a collection: a rule (text, regular expression, or one of
 * the suggested fixes for scraping artifacts), a preview of every change with its effect on
 * annotations, and “Replace N” for the changes left checked.
 */
export function FindReplaceDialog({ open, scope, scopeName, onReplaced, onClose }: Props) {
  const [replaced, setReplaced] = useState(false);
  const close = () => onClose(replaced);
  const dialog = useModalDialog(open, close);
  const id = useId();
  const [find, setFind] = useState('');
  const [replace, setReplace] = useState('');
  const [matchCase, setMatchCase] = useState(false);
  const [wholeWord, setWholeWord] = useState(false);
  const [regex, setRegex] = useState(false);
  const [labels, setLabels] = useState<Label[]>([]);
  const [fixes, setFixes] = useState<FixSuggestion[] | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const [unchecked, setUnchecked] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** Bumped after a replacement, to ask for the suggested fixes again. */
  const [generation, setGeneration] = useState(0);

  // By kind and id: a parent may pass an equal scope as a new object on each render.
  const { kind: scopeKind, id: scopeId } = scope;
  useEffect(() => {
    if (!open) return;
    let current = true;
    Promise.all([call('labels.list', {}), call('text.suggestFixes', { scope: { kind: scopeKind, id: scopeId } })]).then(
      ([labelList, suggestions]) => {
        if (!current) return;
        setLabels(labelList);
        setFixes(suggestions);
      },
      (caught: unknown) => current && setError(messageOf(caught)),
    );
    return () => {
      current = false;
    };
  }, [open, scopeKind, scopeId, generation]);

  const labelName = (labelId: string) => labels.find((l) => l.id === labelId)?.name ?? 'an annotation';

  const showPreview = async (rule: ReplaceRule, what: string) => {
    setBusy(true);
    setError(null);
    setOutcome(null);
    try {
      const preview = await call('text.preview', { rule, scope });
      setShown({ rule, what, preview });
      setUnchecked(new Set());
    } catch (caught) {
      setShown(null);
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  };

  const previewTyped = () => {
    if (!find) return;
    const rule: ReplaceRule = regex
      ? { kind: 'regex', pattern: find, replace, matchCase }
      : { kind: 'text', find, replace, matchCase, wholeWord };
    void showPreview(rule, regex ? `/${find}/` : `“${find}”`);
  };

  const checkedCount = shown
    ? shown.preview.documents.reduce(
        (n, doc) => n + doc.changes.filter((c) => !unchecked.has(keyOf(doc.documentId, c))).length,
        0,
      )
    : 0;

  const apply = async () => {
    if (!shown || checkedCount === 0 || busy) return;
    const selected = shown.preview.documents
      .map((doc) => ({
        documentId: doc.documentId,
        version: doc.version,
        starts: doc.changes.filter((c) => !unchecked.has(keyOf(doc.documentId, c))).map((c) => c.start),
      }))
      .filter((s) => s.starts.length > 0);
    setBusy(true);
    setError(null);
    try {
      const result = await call('text.replace', { rule: shown.rule, selected });
      setShown(null);
      setOutcome(describeOutcome(result));
      setGeneration((g) => g + 1);
      if (result.documents > 0) setReplaced(true);
      onReplaced?.(result);
    } catch (caught) {
      setError(messageOf(caught));
    } finally {
      setBusy(false);
    }
  };

  const toggle = (key: string, checked: boolean) =>
    setUnchecked((current) => {
      const next = new Set(current);
      if (checked) next.delete(key);
      else next.add(key);
      return next;
    });

  const setAll = (checked: boolean) =>
    setUnchecked(
      checked || !shown
        ? new Set()
        : new Set(shown.preview.documents.flatMap((doc) => doc.changes.map((c) => keyOf(doc.documentId, c)))),
    );

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void apply();
    }
  };

  const preview = shown?.preview;
  const moved = preview?.documents.reduce((n, doc) => n + doc.moved, 0) ?? 0;
  const listed = preview?.documents.reduce((n, doc) => n + doc.changes.length, 0) ?? 0;

  return (
    <dialog ref={dialog} className="find-replace-dialog" aria-labelledby={`${id}-title`} onKeyDown={onKeyDown}>
      <h2 id={`${id}-title`}>Find and replace in {scopeName}</h2>
      <form
        className="find-replace-fields"
        onSubmit={(event) => {
          event.preventDefault();
          previewTyped();
        }}
      >
        <label htmlFor={`${id}-find`}>Find</label>
        <input
          id={`${id}-find`}
          type="text"
          value={find}
          maxLength={1000}
          autoFocus
          spellCheck={false}
          aria-describedby={`${id}-hint`}
          onChange={(e) => setFind(e.target.value)}
        />
        <label htmlFor={`${id}-replace`}>Replace with</label>
        <input
          id={`${id}-replace`}
          type="text"
          value={replace}
          maxLength={1000}
          spellCheck={false}
          onChange={(e) => setReplace(e.target.value)}
        />
        <div className="find-replace-options">
          <label className="choice">
            <input type="checkbox" checked={matchCase} onChange={(e) => setMatchCase(e.target.checked)} />
            Match case
          </label>
          <label className="choice">
            <input type="checkbox" checked={wholeWord && !regex} disabled={regex} onChange={(e) => setWholeWord(e.target.checked)} />
            Whole word
          </label>
          <label className="choice">
            <input type="checkbox" checked={regex} onChange={(e) => setRegex(e.target.checked)} />
            Regular expression
          </label>
          <button type="submit" disabled={!find || busy}>
            Preview
          </button>
        </div>
        <p id={`${id}-hint`} className="hint">
          {regex
            ? 'JavaScript syntax; $1, $<name> and $& in the replacement put back what the pattern captured.'
            : 'A space in Find also matches a no-break space.'}
        </p>
      </form>

      <section className="suggested-fixes" aria-labelledby={`${id}-fixes`}>
        <h3 id={`${id}-fixes`}>Suggested fixes</h3>
        {fixes === null ? (
          <p className="hint">Looking for scraping artifacts…</p>
        ) : fixes.length === 0 ? (
          <p className="hint">No scraping artifacts found in {scopeName}.</p>
        ) : (
          <ul>
            {fixes.map((fix) => (
              <li key={fix.fix}>
                <button
                  type="button"
                  disabled={busy}
                  aria-describedby={`${id}-fix-${fix.fix}`}
                  onClick={() => void showPreview({ kind: 'fix', fix: fix.fix }, `“${fix.name}”`)}
                >
                  {fix.name} ({fix.count})
                </button>
                <span id={`${id}-fix-${fix.fix}`} className="fix-example">
                  {fix.examples[0]}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      {error && (
        <p role="alert" className="notice-error">
          {error}
        </p>
      )}
      <p role="status" className="find-replace-status">
        {preview
          ? preview.total === 0
            ? `Nothing matches ${shown.what} in ${scopeName}.`
            : `${plural(preview.total, 'change')} in ${plural(preview.documents.length, 'article')}` +
              (preview.truncated ? `; the first ${listed} are listed, and only those are replaced.` : '.')
          : outcome}
      </p>

      {preview && preview.documents.length > 0 && (
        <section className="replace-preview" aria-labelledby={`${id}-preview`}>
          <div className="replace-preview-head">
            <h3 id={`${id}-preview`}>Preview</h3>
            <button type="button" className="small" onClick={() => setAll(true)}>
              Check all
            </button>
            <button type="button" className="small" onClick={() => setAll(false)}>
              Uncheck all
            </button>
          </div>
          <div className="replace-changes">
            {preview.documents.map((doc) => (
              <div key={doc.documentId}>
                {scope.kind === 'collection' && <h4>{doc.title}</h4>}
                <ul aria-label={`Changes in ${doc.title}`}>
                  {doc.changes.map((change) => {
                    const key = keyOf(doc.documentId, change);
                    return (
                      <li key={key}>
                        <label className="replace-change">
                          <input
                            type="checkbox"
                            checked={!unchecked.has(key)}
                            onChange={(e) => toggle(key, e.target.checked)}
                          />
                          <span className="change-text">
                            {change.context.before}
                            {change.before && <del>{change.before}</del>}
                            {change.after && <ins>{change.after}</ins>}
                            {change.context.after}
                          </span>
                        </label>
                        {change.effects.length > 0 && (
                          <ul className="change-effects">
                            {change.effects.map((effect) => (
                              <li key={effect.annotationId} className={`effect-${effect.effect}`}>
                                {VERBS[effect.effect]} {labelName(effect.labelId)} “{shortQuote(effect.quote)}”
                              </li>
                            ))}
                          </ul>
                        )}
                      </li>
                    );
                  })}
                </ul>
              </div>
            ))}
          </div>
          <p className="hint">{moved === 1 ? '1 annotation moves' : `${moved} annotations move`} with the text.</p>
        </section>
      )}

      <div className="dialog-buttons">
        <button type="button" onClick={close}>
          Close
        </button>
        <button
          type="button"
          className="primary"
          disabled={checkedCount === 0 || busy}
          aria-keyshortcuts="Control+Enter Meta+Enter"
          onClick={() => void apply()}
        >
          Replace {checkedCount}
        </button>
      </div>
    </dialog>
  );
}

function describeOutcome(outcome: ReplaceOutcome): string {
  const parts = [`Replaced ${plural(outcome.replacements, 'place')} in ${plural(outcome.documents, 'article')}`];
  if (outcome.annotationsDeleted > 0) parts.push(`${plural(outcome.annotationsDeleted, 'annotation')} deleted with their text`);
  const skipped = outcome.skipped.map((s) => `“${s.title}” was left alone: ${s.reason}`);
  return [`${parts.join('; ')}.`, ...skipped].join(' ');
}

/** Ctrl+H opens find and replace, as in most editors (Control on a Mac too: ⌘H hides the app there). */
export function useFindReplaceKey(open: () => void): void {
  useWindowKeys((event) => {
    if (event.ctrlKey && !event.metaKey && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'h') {
      event.preventDefault();
      open();
    }
  });
}
