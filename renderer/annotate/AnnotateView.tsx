import { useEffect, useEffectEvent, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Annotation, Fragment } from '../../schema/model';
import { OffsetMap, sliceCodePoints } from '../../schema/text';
import { useCommands, useViewCommands } from '../app/commands';
import { ErrorNotice } from '../common/ErrorNotice';
import { ArticleView, type ArticleHandle } from '../editor/ArticleView';
import { EditBar } from './EditBar';
import { editModeNotice } from './edit-notice';
import { findWords } from '../editor/find-words';
import { applyLabelColors } from '../editor/highlight-painter';
import { AnnotationDetails } from './AnnotationDetails';
import { AnnotationList } from './AnnotationList';
import { DocumentHeader } from './DocumentHeader';
import { LabelBar } from './LabelBar';
import { LayersPanel } from './LayersPanel';
import { AnnotateShortcuts } from './AnnotateShortcuts';
import { useAnnotateKeys } from './useAnnotateKeys';
import { isProvisional, useDocumentModel } from './useDocumentModel';
import { useLayers } from './useLayers';
import { useVersions, VersionsDialog } from './VersionsDialog';
import { FindReplaceDialog, useFindReplaceKey } from '../common/FindReplaceDialog';
import { selectionAnnouncement } from './selection-announcement';
import { newestVerdictByAnnotation, verdictWords } from './verdict-words';
import { SuggestionsPanel } from './SuggestionsPanel';
import { suggestionsShown, useSuggestions } from './useSuggestions';

interface Props {
  documentId: string;
  /** Words of a search to show and flash once the article is open. */
  find: string | null;
  /** An annotation to select and show once the article is open (from analytics). */
  span: string | null;
}

/** Picking the target of a new link: the candidates, nearest first, and the one on offer. */
interface Linking {
  fromId: string;
  candidates: string[];
  index: number;
}

const SNAP_SETTING = 'byline.snapToWords';

/** The edit mode of the text: the annotations as they were on entering it, and whether it is being saved. */
interface Editing {
  annotations: readonly Annotation[];
  saving: boolean;
}

export function AnnotateView({ documentId, find, span }: Props) {
  const { model, actions } = useDocumentModel(documentId);
  const { document, labels } = model;
  const layers = useLayers(model.annotations, model.relations, model.me, model.annotators);
  // What is shown: hidden layers are left out of painting, the list, Tab and clicks.
  const annotations = layers.visible.list;
  const byId = layers.visible.byId;
  const relations = layers.visibleRelations;
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [linking, setLinking] = useState<Linking | null>(null);
  const [showShortcuts, setShowShortcuts] = useState(false);
  const [editing, setEditing] = useState<Editing | null>(null);
  /** In the edit mode: the annotations whose text is all gone, which saving deletes. */
  const [doomed, setDoomed] = useState<readonly Annotation[]>([]);
  /** Read out when the edit mode starts and ends. */
  const [editNotice, setEditNotice] = useState('');
  const [showVersions, setShowVersions] = useState(false);
  const [replacing, setReplacing] = useState(false);
  const openReplace = () => !editing && setReplacing(true);
  useFindReplaceKey(openReplace);
  const versions = useVersions(documentId, document?.version ?? null);
  const [snapToWords, setSnapToWords] = useState(() => localStorage.getItem(SNAP_SETTING) !== 'off');
  const article = useRef<ArticleHandle>(null);
  const [showSuggestions] = useState(suggestionsShown);
  const meId = model.me?.id;
  const own = useMemo(
    () => model.annotations.list.filter((a) => a.annotatorId === meId || isProvisional(a.id)),
    [model.annotations, meId],
  );
  // Not while the text is edited: they are of the text as it was, and are asked for again after.
  const suggestions = useSuggestions(documentId, document?.version ?? null, own, showSuggestions && !editing, actions.acceptSuggestions);
  const paintedSuggestions = useMemo(
    () => suggestions.list.map((s) => ({ id: s.key, labelId: s.labelId, fragments: [s.fragment] })),
    [suggestions.list],
  );

  useEffect(() => applyLabelColors(labels), [labels]);

  // Opened from a search hit: show where the words are.
  const offsets = useMemo(() => new OffsetMap(document?.text ?? ''), [document?.text]);
  useEffect(() => {
    const hit = document && find ? findWords(document.text, find) : null;
    if (hit) article.current?.flash({ start: offsets.toCodePoint(hit.start), end: offsets.toCodePoint(hit.end) });
  }, [document, find, offsets]);

  const selected = (selectedId && byId.get(selectedId)) || null;
  const selectedSuggestion = (selectedId && suggestions.byKey.get(selectedId)) || null;
  /** A stored annotation to act on: not one still on its way to the workspace. */
  const actionable = selected && !isProvisional(selected.id) ? selected : null;
  const quoteOf = (f: Fragment) => sliceCodePoints(document?.text ?? '', offsets, f.start, f.end);
  const candidateId = linking ? (linking.candidates[linking.index] ?? null) : null;
  const isMine = (a: Annotation) => layers.isMine(a.annotatorId);
  const nameOf = (annotatorId: string) => model.annotators.get(annotatorId)?.name ?? 'an unknown annotator';
  const ownerName = (a: Annotation) => nameOf(a.annotatorId);
  const newestVerdicts = useMemo(() => newestVerdictByAnnotation(model.verdicts), [model.verdicts]);
  /** Mine to change; otherwise says why not, and false. */
  const editable = (a: Annotation) => {
    if (isMine(a)) return true;
    actions.setError(
      `“${a.quote}” is ${ownerName(a)}’s annotation: colleagues’ layers are read-only here. Tag the text yourself to add yours.`,
    );
    return false;
  };
  /** A link joins two annotations of my own layer. */
  const linkable = (toId: string) => {
    const target = byId.get(toId);
    if (!target || isMine(target)) return true;
    actions.setError(`Links join annotations of your own layer: “${target.quote}” is ${ownerName(target)}’s.`);
    return false;
  };

  const select = (id: string | null) => {
    setSelectedId(id);
    if (id) article.current?.reveal(id);
  };

  // Opened at an annotation: select it and show it, once, when it is there.
  const shownSpan = useRef<string | null>(null);
  const spanHere = span !== null && byId.has(span);
  useEffect(() => {
    if (!spanHere || shownSpan.current === span) return;
    shownSpan.current = span;
    setSelectedId(span);
    article.current?.reveal(span);
  }, [span, spanHere]);

  const link = async (fromId: string, toId: string) => {
    setLinking(null);
    const from = byId.get(fromId);
    if ((from && !editable(from)) || !linkable(toId)) return;
    await actions.link(fromId, toId);
  };

  const startLinking = () => {
    if (!actionable) {
      actions.setError('Select the claim to link first (click it, or Tab to it), then press L.');
      return;
    }
    if (!editable(actionable)) return;
    const start = actionable.fragments[0]!.start;
    const candidates = annotations
      .filter((a) => a.id !== actionable.id && !isProvisional(a.id) && isMine(a))
      .sort((a, b) => Math.abs(a.fragments[0]!.start - start) - Math.abs(b.fragments[0]!.start - start))
      .map((a) => a.id);
    if (candidates.length === 0) {
      actions.setError('There is no other annotation of yours in this article to link to.');
      return;
    }
    setLinking({ fromId: actionable.id, candidates, index: 0 });
    article.current?.reveal(candidates[0]!);
  };

  /** Accepts or rejects suggestions; when the selected one goes, the next suggestion is selected. */
  const settleSuggestions = async (keys: readonly string[], how: 'accept' | 'reject', labelId?: string) => {
    const at = selectedId && keys.includes(selectedId) ? suggestions.list.findIndex((s) => s.key === selectedId) : -1;
    const next = at < 0 ? undefined : suggestions.list.slice(at + 1).find((s) => !keys.includes(s.key));
    if (how === 'accept') {
      if (!(await suggestions.accept(keys, labelId))) return;
    } else await suggestions.reject(keys);
    if (at >= 0) select(next?.key ?? null);
  };

  /** A label chosen by hotkey or button: tags the selected text, or relabels the selected annotation. */
  const applyLabel = async (labelId: string, shift = false) => {
    const selection = article.current?.selectedFragment() ?? null;
    if (!selection && selectedSuggestion) {
      await settleSuggestions([selectedSuggestion.key], 'accept', labelId);
      return;
    }
    if (selection) {
      // Cleared now, not after the call: the person may already be selecting the next span.
      article.current?.clearSelection();
      if (actionable && isMine(actionable) && actionable.labelId === labelId && (selection.additive || shift)) {
        await actions.update({ id: actionable.id, fragments: [...actionable.fragments, selection.fragment] });
        return;
      }
      actions.tag(labelId, selection.fragment, quoteOf(selection.fragment), {
        paint: (annotation) => article.current?.paintAhead(annotation),
        onShown: setSelectedId,
        onStored: (stored, replacing) =>
          setSelectedId((current) => (replacing === null || current === replacing ? stored : current)),
      });
    } else if (actionable && editable(actionable)) {
      await actions.update({ id: actionable.id, labelId });
    }
  };

  const addSelectionAsFragment = async () => {
    const selection = article.current?.selectedFragment() ?? null;
    if (!actionable || !selection) {
      actions.setError('Select the text to add first, then choose “Add selected text”.');
      return;
    }
    if (!editable(actionable)) return;
    article.current?.clearSelection();
    await actions.update({ id: actionable.id, fragments: [...actionable.fragments, selection.fragment] });
  };

  const startEditing = () => {
    if (!document || editing) return;
    if (model.annotations.list.some((a) => isProvisional(a.id))) {
      actions.setError('A new annotation is still being saved: edit the text once it is.');
      return;
    }
    setSelectedId(null);
    setLinking(null);
    setDoomed([]);
    setEditing({ annotations: model.annotations.list, saving: false });
    setEditNotice(editModeNotice.on);
  };

  /** Leaves the edit mode, saving the edits as a new version of the text (if there are any). */
  const finishEditing = async () => {
    if (!document || !editing || editing.saving) return;
    const edited = article.current?.edited();
    if (!edited || edited.state.edits.length === 0) {
      setEditing(null);
      setEditNotice(editModeNotice.unchanged);
      return;
    }
    if (edited.text.trim() === '') {
      actions.setError(editModeNotice.empty);
      return;
    }
    setEditing({ ...editing, saving: true });
    const saved = await actions.editText(document.version, edited.state);
    if (saved) {
      setEditing(null);
      setDoomed([]);
      setEditNotice(editModeNotice.saved(saved.version));
    } else {
      setEditing((current) => current && { ...current, saving: false });
    }
  };

  const toggleEditing = () => void (editing ? finishEditing() : startEditing());

  // Leaving the view while editing (another article, another view) saves the edits as well. A
  // layout effect: its cleanup runs before the article view's, while the edits are still there.
  const saveOnLeaving = useEffectEvent(() => {
    const edited = editing && !editing.saving ? article.current?.edited() : null;
    if (document && edited && edited.state.edits.length > 0 && edited.text.trim() !== '') {
      void actions.editText(document.version, edited.state);
    }
  });
  useLayoutEffect(() => () => saveOnLeaving(), []);

  const remove = async (id: string) => {
    const result = await actions.remove(id);
    if (result) setSelectedId((current) => (current === id ? null : current));
  };

  const commands = useCommands();
  // In the edit mode, undo and redo are the editor's own, for typing.
  const undo = () => (editing ? article.current?.undoEdit() : void actions.undo());
  const redo = () => (editing ? article.current?.redoEdit() : void actions.redo());
  useViewCommands({
    undo,
    redo,
    shortcuts: () => setShowShortcuts(true),
    editText: toggleEditing,
    replace: openReplace,
  });

  // In the edit mode only Esc, E, undo, redo and ? do anything here (the text has the keys).
  useAnnotateKeys({
    label(hotkey, shift) {
      if (editing) return;
      const label = labels.find((l) => l.kind === 'span' && l.hotkey === hotkey);
      if (label) void applyLabel(label.id, shift);
    },
    delete() {
      if (editing) return;
      if (selectedSuggestion && !linking) void settleSuggestions([selectedSuggestion.key], 'reject');
      else if (actionable && !linking && editable(actionable)) void remove(actionable.id);
    },
    escape() {
      if (editing) void finishEditing();
      else if (linking) setLinking(null);
      else setSelectedId(null);
    },
    step(direction) {
      if (editing) return false;
      if (linking) {
        const n = linking.candidates.length;
        const index = (linking.index + direction + n) % n;
        setLinking({ ...linking, index });
        article.current?.reveal(linking.candidates[index]!);
        return true;
      }
      const inArticle = window.document.activeElement?.getAttribute('role') === 'article';
      if (!selectedId && !inArticle) return false;
      // Tab's order: annotations and suggestions, in the text's (worked out on the key, not on every change).
      const tabOrder = [
        ...annotations.map((a) => ({ id: a.id, start: a.fragments[0]!.start })),
        ...suggestions.list.map((s) => ({ id: s.key, start: s.fragment.start })),
      ]
        .sort((a, b) => a.start - b.start)
        .map((s) => s.id);
      const at = selectedId ? tabOrder.indexOf(selectedId) : -1;
      const next = at < 0 ? (direction === 1 ? 0 : tabOrder.length - 1) : at + direction;
      const target = tabOrder[next];
      if (!target) return false;
      select(target);
      return true;
    },
    link() {
      if (!linking && !editing) startLinking();
    },
    confirm() {
      if (!editing && !linking && selectedSuggestion) {
        void settleSuggestions([selectedSuggestion.key], 'accept');
        return true;
      }
      if (editing || !linking || !candidateId) return false;
      void link(linking.fromId, candidateId);
      return true;
    },
    undo,
    redo,
    shortcuts: commands['help.shortcuts'],
    editText: toggleEditing,
  });

  const counts = useMemo(() => {
    const byLabel = new Map<string, number>();
    for (const a of annotations) byLabel.set(a.labelId, (byLabel.get(a.labelId) ?? 0) + 1);
    return byLabel;
  }, [annotations]);

  if (!document) {
    return (
      <main className="annotate">
        {model.error ? <p role="alert">{model.error}</p> : <p>Opening the article…</p>}
      </main>
    );
  }

  return (
    <main className="annotate" aria-labelledby="article-title">
      <DocumentHeader
        document={document}
        labels={labels}
        counts={counts}
        total={annotations.length}
        history={model.history}
        onUndo={commands['edit.undo']}
        onRedo={commands['edit.redo']}
        onStatus={(status) => void actions.setStatus(status)}
        onShortcuts={commands['help.shortcuts']}
        editing={editing !== null}
        saving={editing?.saving ?? false}
        onEditText={toggleEditing}
        versionCount={versions.versions?.length ?? null}
        onVersions={() => setShowVersions(true)}
        onFindReplace={() => setReplacing(true)}
      />
      {/* While the text is edited, tagging waits (the EditBar says so). */}
      <div className="label-bar-frame" inert={editing !== null}>
        <LabelBar
          labels={labels}
          snapToWords={snapToWords}
          onSnapToWords={(on) => {
            setSnapToWords(on);
            localStorage.setItem(SNAP_SETTING, on ? 'on' : 'off');
          }}
          onApply={(id) => void applyLabel(id)}
        />
      </div>
      {editing && <EditBar deleted={doomed} saving={editing.saving} />}
      <div className="annotate-body">
        {/* Over the article, not above it: a message never moves the text under the pointer. */}
        <div className="annotate-messages">
          {linking && (
            <p role="status" className="link-banner">
              Linking “{byId.get(linking.fromId)?.quote}”: click the annotation it is
              attributed to, or press Tab to pick one and Enter to link. Esc cancels.{' '}
              <strong>Target: “{candidateId && byId.get(candidateId)?.quote}”</strong>
            </p>
          )}
          {model.error && <ErrorNotice message={model.error} onDismiss={() => actions.setError(null)} />}
        </div>
        <ArticleView
          ref={article}
          text={document.text}
          annotations={layers.visible}
          relations={relations}
          suggested={paintedSuggestions}
          suggestedLinks={suggestions.links}
          labels={labels}
          selectedId={selectedId}
          candidateId={candidateId}
          snapToWords={snapToWords}
          onClickAnnotations={(ids) => {
            if (linking) {
              const target = ids.find((id) => id !== linking.fromId && byId.has(id));
              if (target) void link(linking.fromId, target);
              return;
            }
            // Clicking again where annotations overlap steps to the next one.
            const current = ids.indexOf(selectedId ?? '');
            setSelectedId(ids.length === 0 ? null : ids[(current + 1) % ids.length]!);
          }}
          onDragLink={(fromId, toId) => void link(fromId, toId)}
          editing={
            editing && {
              annotations: editing.annotations,
              shows: (a) => layers.visible.byId.has(a.id),
              saving: editing.saving,
              onDeleted: setDoomed,
              onEscape: () => void finishEditing(),
            }
          }
        />
        <div className="side-panel" inert={editing !== null}>
          {(layers.layers.length > 1 || layers.prefs.blind) && (
            <LayersPanel
              layers={layers.layers}
              prefs={layers.prefs}
              hiddenCount={layers.hiddenCount}
              onBlind={layers.setBlind}
              onShown={layers.setShown}
            />
          )}
          {showSuggestions && (
            <SuggestionsPanel
              suggestions={suggestions.list}
              labels={labels}
              source={suggestions.answer?.source ?? null}
              off={suggestions.off}
              selected={selectedSuggestion}
              error={suggestions.error}
              onAccept={(keys) => void settleSuggestions(keys, 'accept')}
              onReject={(keys) => void settleSuggestions(keys, 'reject')}
              onOff={(off) => void suggestions.setOff(off)}
            />
          )}
          <AnnotationDetails
            annotation={actionable}
            saving={selected !== null && actionable === null}
            annotations={byId}
            relations={relations}
            labels={labels}
            owner={actionable && layers.layers.length > 1 ? (model.annotators.get(actionable.annotatorId) ?? null) : null}
            readOnly={actionable !== null && !isMine(actionable)}
            verdicts={model.verdicts}
            nameOf={nameOf}
            onUpdate={(patch) => void actions.update(patch)}
            onDelete={(id) => void remove(id)}
            onAddFragment={() => void addSelectionAsFragment()}
            onStartLinking={startLinking}
            onUnlink={(id) => void actions.unlink(id)}
            onLinkType={(id, labelId) => void actions.setLinkType(id, labelId)}
            onSelect={select}
          />
          <AnnotationList
            annotations={annotations}
            labels={labels}
            selectedId={selectedId}
            ownerOf={(a) => (layers.layers.length > 1 && !isMine(a) ? ownerName(a) : null)}
            verdictOf={(a) => {
              const verdict = newestVerdicts.get(a.id);
              return verdict ? verdictWords(verdict, a.id, nameOf).short : null;
            }}
            onSelect={select}
          />
        </div>
      </div>
      {/* Read out whichever way the selection moved: a click, Tab, tagging, relabelling. */}
      <p className="visually-hidden" role="status" aria-label="Selected annotation">
        {selectedSuggestion &&
          `Suggested ${labels.find((l) => l.id === selectedSuggestion.labelId)?.name ?? ''}: “${selectedSuggestion.quote}”. Enter accepts, Backspace rejects. Suggestion ${suggestions.list.indexOf(selectedSuggestion) + 1} of ${suggestions.list.length}.`}
        {selected &&
          selectionAnnouncement({
            label: labels.find((l) => l.id === selected.labelId)?.name ?? 'Unknown label',
            quote: selected.quote,
            owner: layers.layers.length > 1 && !isMine(selected) ? ownerName(selected) : null,
            position: annotations.indexOf(selected),
            total: annotations.length,
          })}
      </p>
      <p className="visually-hidden" role="status" aria-label="Edit mode">
        {editNotice}
      </p>
      <AnnotateShortcuts open={showShortcuts} onClose={() => setShowShortcuts(false)} />
      {replacing && (
        <FindReplaceDialog
          open
          scope={{ kind: 'document', id: documentId }}
          scopeName="this article"
          onClose={(replaced) => {
            setReplacing(false);
            if (replaced) actions.reload();
          }}
        />
      )}
      <VersionsDialog
        open={showVersions}
        documentId={documentId}
        versions={versions.versions}
        error={versions.error}
        onClose={() => setShowVersions(false)}
        onReverted={() => void actions.reload()}
      />
    </main>
  );
}
