import type { Box } from './geometry';

export interface Arrow {
  id: string;
  from: Box;
  to: Box;
  color: string;
  /** A link of the selected annotation: drawn strong, the others faint. */
  emphasized: boolean;
  /** A suggested link, not made yet. */
  dashed: boolean;
}

interface Props {
  arrows: readonly Arrow[];
  /** The link being dragged from the selected annotation, in content coordinates. */
  drag: { fromX: number; fromY: number; x: number; y: number } | null;
}

/** Links drawn as arcs over the text, from the middle top of one span to the other's. */
export function LinkArrows({ arrows, drag }: Props) {
  return (
    <svg className="link-arrows">
      <defs>
        <marker id="link-arrowhead" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M0,0 L10,5 L0,10 z" fill="context-stroke" />
        </marker>
      </defs>
      {arrows.map((arrow) => {
        const x1 = arrow.from.left + Math.min(arrow.from.width / 2, 40);
        const x2 = arrow.to.left + Math.min(arrow.to.width / 2, 40);
        const y1 = arrow.from.top;
        const y2 = arrow.to.top;
        const lift = 14 + Math.min(60, Math.abs(x2 - x1) / 6 + Math.abs(y2 - y1) / 10);
        const top = Math.min(y1, y2) - lift;
        return (
          <path
            key={arrow.id}
            d={`M${x1},${y1} C${x1},${top} ${x2},${top} ${x2},${y2}`}
            className={`link-arrow${arrow.emphasized ? ' emphasized' : ''}${arrow.dashed ? ' suggested' : ''}`}
            stroke={arrow.color}
            markerEnd="url(#link-arrowhead)"
          />
        );
      })}
      {drag && (
        <line
          className="link-arrow emphasized"
          x1={drag.fromX}
          y1={drag.fromY}
          x2={drag.x}
          y2={drag.y}
          stroke="currentColor"
          markerEnd="url(#link-arrowhead)"
        />
      )}
    </svg>
  );
}
