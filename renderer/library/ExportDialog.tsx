import { useId, useState } from 'react';
import type { RequestOf } from '../../schema/api';
import type { Annotator, Collection } from '../../schema/model';
import { useModalDialog } from '../common/useModalDialog';
import { AnnotatorChoice } from '../common/AnnotatorChoice';
import { collectionOption, ScopeChoice } from '../common/ScopeChoice';

type ExportRequest = RequestOf<'exports.start'>;

const FORMATS: { value: ExportRequest['format']; title: string }[] = [
  { value: 'exchange', title: 'Byline exchange file (.byline.json): everything, for colleagues' },
  { value: 'exchange-gz', title: 'Byline exchange file, gzipped (.byline.json.gz)' },
  { value: 'spacy-jsonl', title: 'spaCy JSONL: text and character spans' },
  { value: 'prodigy-jsonl', title: 'Prodigy JSONL: tasks with tokens' },
  { value: 'doccano-jsonl', title: 'doccano JSONL' },
  { value: 'brat', title: 'brat standoff (.zip of .txt and .ann)' },
  { value: 'csv', title: 'CSV, one row per annotation' },
  { value: 'w3c', title: 'W3C Web Annotation (JSON-LD)' },
  { value: 'conll', title: 'CoNLL, IOB2 tags' },
];

interface Props {
  open: boolean;
  annotators: readonly Annotator[];
  collections: readonly Collection[];
  selected: readonly string[];
  search: string | null;
  onStart(request: ExportRequest): void;
  onClose(): void;
}

/** What to export (which articles, whose layers) and in which format. */
export function ExportDialog({ open, annotators, collections, selected, search, onStart, onClose }: Props) {
  const dialog = useModalDialog(open, onClose);
  const id = useId();
  const [format, setFormat] = useState<ExportRequest['format']>('exchange');
  const [which, setWhich] = useState<ExportRequest['scope']['kind']>('all');
  const [collection, setCollection] = useState(collections[0]?.id ?? '');
  const [layers, setLayers] = useState<ReadonlySet<string>>(new Set(annotators.map((a) => a.id)));
  const [onlyDone, setOnlyDone] = useState(false);

  const scope = (): ExportRequest['scope'] | null => {
    switch (which) {
      case 'all':
        return { kind: 'all' };
      case 'documents':
        return selected.length ? { kind: 'documents', ids: [...selected] } : null;
      case 'search':
        return search ? { kind: 'search', search } : null;
      case 'collection':
        return collection ? { kind: 'collection', id: collection } : null;
    }
  };
  const chosen = scope();
  const allLayers = annotators.every((a) => layers.has(a.id));

  return (
    <dialog ref={dialog} className="export-dialog" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Export</h2>
      <label htmlFor={`${id}-format`}>Format</label>
      <select id={`${id}-format`} value={format} onChange={(e) => setFormat(e.target.value as ExportRequest['format'])}>
        {FORMATS.map((f) => (
          <option key={f.value} value={f.value}>
            {f.title}
          </option>
        ))}
      </select>
      <ScopeChoice
        legend="Articles"
        value={which}
        onChange={setWhich}
        options={[
          { kind: 'all', label: 'All articles' },
          { kind: 'documents', label: `The selected articles (${selected.length})`, disabled: selected.length === 0 },
          { kind: 'search', label: search ? `The articles found for “${search}”` : 'The articles found (search first)', disabled: !search },
          collectionOption(collections, collection, setCollection),
        ]}
      >
        <label className="choice">
          <input type="checkbox" checked={onlyDone} onChange={(e) => setOnlyDone(e.target.checked)} />
          Only articles marked done
        </label>
      </ScopeChoice>
      <AnnotatorChoice legend="Whose annotations" annotators={annotators} chosen={layers} onChange={setLayers} />
      <div className="dialog-buttons">
        <button type="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="primary"
          disabled={!chosen || layers.size === 0}
          onClick={() =>
            chosen && onStart({ format, scope: chosen, annotatorIds: allLayers ? null : [...layers], onlyDone })
          }
        >
          Export…
        </button>
      </div>
    </dialog>
  );
}
