import { useEffect, useEffectEvent, useRef, useState } from 'react';
import type { Annotation, Document, Label } from '../../schema/model';
import { call, messageOf } from '../api';
import { ArticleView, type ArticleHandle } from '../editor/ArticleView';
import { applyLabelColors } from '../editor/highlight-painter';
import { AnnotationDetails } from './AnnotationDetails';
import { applyAnnotationChanges } from './apply-changes';
import { LabelBar } from './LabelBar';

interface Props {
  documentId: string;
}

export function AnnotateView({ documentId }: Props) {
  const [document, setDocument] = useState<Document | null>(null);
  const [labels, setLabels] = useState<Label[]>([]);
  const [annotations, setAnnotations] = useState<Annotation[]>([]);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const article = useRef<ArticleHandle>(null);

  useEffect(() => {
    let current = true;
    Promise.all([call('documents.open', { id: documentId }), call('labels.list', {})]).then(
      ([opened, labelList]) => {
        if (!current) return;
        setDocument(opened.document);
        setAnnotations(opened.annotations);
        setLabels(labelList);
      },
      (caught: unknown) => current && setError(messageOf(caught)),
    );
    return () => {
      current = false;
    };
  }, [documentId]);

  useEffect(() => applyLabelColors(labels), [labels]);

  const run = async (work: () => Promise<void>) => {
    try {
      setError(null);
      await work();
    } catch (caught) {
      setError(messageOf(caught));
    }
  };

  /** A label chosen by hotkey or button: tags the selected text, or relabels the selected annotation. */
  const applyLabel = (labelId: string) =>
    run(async () => {
      const fragment = article.current?.selectedFragment() ?? null;
      if (fragment) {
        // Cleared now, not after the call: the person may already be selecting the next span.
        article.current?.clearSelection();
        const { changes } = await call('annotations.create', { documentId, labelId, fragments: [fragment] });
        setAnnotations((list) => applyAnnotationChanges(list, changes.annotations));
        setSelectedId(changes.annotations.put[0]?.id ?? null);
      } else if (selectedId) {
        const { changes } = await call('annotations.update', { id: selectedId, labelId });
        setAnnotations((list) => applyAnnotationChanges(list, changes.annotations));
      }
    });

  const remove = (id: string) =>
    run(async () => {
      const { changes } = await call('annotations.delete', { id });
      setAnnotations((list) => applyAnnotationChanges(list, changes.annotations));
      setSelectedId((current) => (current === id ? null : current));
    });

  const onKeyDown = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (isTypingTarget(event.target)) return;
    const label = labels.find((l) => l.hotkey === event.key);
    if (label) {
      event.preventDefault();
      void applyLabel(label.id);
    } else if ((event.key === 'Delete' || event.key === 'Backspace') && selectedId) {
      event.preventDefault();
      void remove(selectedId);
    } else if (event.key === 'Escape' && selectedId) {
      setSelectedId(null);
    }
  });

  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKeyDown(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, []);

  if (!document) {
    return (
      <main className="annotate">
        {error ? <p role="alert">{error}</p> : <p>Opening the article…</p>}
      </main>
    );
  }

  const selected = annotations.find((a) => a.id === selectedId) ?? null;
  return (
    <main className="annotate" aria-labelledby="article-title">
      <div className="annotate-header">
        <h1 id="article-title">{document.title}</h1>
        <p className="annotation-count">
          {annotations.length === 1 ? '1 annotation' : `${annotations.length} annotations`}
        </p>
      </div>
      <LabelBar labels={labels} onApply={(id) => void applyLabel(id)} />
      {error && (
        <p role="alert" className="notice notice-error">
          {error}
        </p>
      )}
      <div className="annotate-body">
        <ArticleView
          ref={article}
          text={document.text}
          annotations={annotations}
          selectedId={selectedId}
          snapToWords
          onSelect={setSelectedId}
        />
        <AnnotationDetails
          annotation={selected}
          label={labels.find((l) => l.id === selected?.labelId) ?? null}
          onDelete={(id) => void remove(id)}
        />
      </div>
    </main>
  );
}

function isTypingTarget(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}
