import { useId } from 'react';
import type { Layer, LayerPrefs } from './useLayers';
import { plural } from '../common/plural';

interface Props {
  layers: readonly Layer[];
  prefs: LayerPrefs;
  hiddenCount: number;
  onBlind(blind: boolean): void;
  onShown(annotatorId: string, shown: boolean): void;
}

const counted = (n: number) => plural(n, 'annotation');

/**
 * Whose annotations the article has, each colleague's layer with a switch to show or hide it,
 * and blind mode: only my own layer, in every article, until it is switched off.
 */
export function LayersPanel({ layers, prefs, hiddenCount, onBlind, onShown }: Props) {
  const id = useId();
  const others = layers.filter((l) => !l.mine);
  const mine = layers.find((l) => l.mine);
  return (
    <section className="layers" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Layers</h2>
      <label className="layers-blind">
        <input
          type="checkbox"
          checked={prefs.blind}
          aria-describedby={`${id}-blind-hint`}
          onChange={(event) => onBlind(event.target.checked)}
        />
        Blind mode
      </label>
      <span id={`${id}-blind-hint`} className="visually-hidden">
        Shows only your own layer, in every article, until you switch it off.
      </span>
      <ul aria-label="Layers in this article">
        {mine && (
          <li>
            <span className="layer-name">{mine.annotator.name} (you)</span>
            <span className="layer-count">{counted(mine.count)}</span>
          </li>
        )}
        {others.map((layer) => (
          <li key={layer.annotator.id}>
            <label className="layer-name">
              <input
                type="checkbox"
                checked={layer.visible}
                disabled={prefs.blind}
                onChange={(event) => onShown(layer.annotator.id, event.target.checked)}
              />
              Show {layer.annotator.name}
            </label>
            <span className="layer-count">{counted(layer.count)}</span>
          </li>
        ))}
      </ul>
      <p className="hint layers-status" role="status">
        {hiddenCount > 0
          ? `${counted(hiddenCount)} of colleagues hidden.`
          : others.length > 0
            ? 'Colleagues’ layers are read-only here.'
            : ''}
      </p>
    </section>
  );
}
