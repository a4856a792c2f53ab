import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { Difference } from '../../schema/review';
import { KIND_NAMES, verdictText } from './difference-text';

interface Props {
  differences: readonly Difference[];
  selected: number;
  onSelect(index: number): void;
}

const ROW_HEIGHT = 58;

export const optionId = (index: number) => `difference-${index}`;

/**
 * The differences in document order, as a listbox that keeps the focus itself and points at the
 * selected option (aria-activedescendant): only the rows on screen exist, so thousands stay light.
 */
export function DifferenceList({ differences, selected, onSelect }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: differences.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });

  useEffect(() => {
    if (selected >= 0 && selected < differences.length) virtualizer.scrollToIndex(selected, { align: 'auto' });
  }, [selected, differences.length, virtualizer]);

  const onKeyDown = (event: KeyboardEvent) => {
    const last = differences.length - 1;
    const to =
      event.key === 'ArrowDown'
        ? Math.min(selected + 1, last)
        : event.key === 'ArrowUp'
          ? Math.max(selected - 1, 0)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (to === null || last < 0) return;
    event.preventDefault();
    onSelect(to);
  };

  const items = virtualizer.getVirtualItems();
  const shown = items.some((item) => item.index === selected);
  return (
    <div className="difference-scroller" ref={scroller}>
      <div
        role="listbox"
        id="difference-list"
        aria-label="Differences"
        tabIndex={0}
        aria-activedescendant={shown ? optionId(selected) : undefined}
        className="difference-list"
        style={{ height: virtualizer.getTotalSize() }}
        onKeyDown={onKeyDown}
      >
        {items.map((item) => {
          const difference = differences[item.index]!;
          const isSelected = item.index === selected;
          return (
            <div
              key={difference.key}
              id={optionId(item.index)}
              role="option"
              aria-selected={isSelected}
              aria-setsize={differences.length}
              aria-posinset={item.index + 1}
              className={`difference kind-${difference.kind}${difference.resolution ? ' resolved' : ''}`}
              style={{ transform: `translateY(${item.start}px)`, height: ROW_HEIGHT }}
              onClick={() => onSelect(item.index)}
            >
              <span className="difference-kind">{KIND_NAMES[difference.kind]}</span>
              <span className="difference-verdict">{verdictText(difference)}</span>
              <span className="difference-summary">{difference.summary}</span>
            </div>
          );
        })}
      </div>
      {differences.length === 0 && <p className="hint">The two layers hold nothing to compare in this article.</p>}
    </div>
  );
}
