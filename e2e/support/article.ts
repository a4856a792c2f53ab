/**
 * What a person does in the annotate view, and what they see there. Finding where a phrase is
 * drawn reads the page; the selecting itself is done with the mouse.
 */
import { expect, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import type { BylineApp } from './app';

interface PhraseBox {
  startX: number;
  endX: number;
  y: number;
  endY: number;
  /** The phrase's first line box, for looking at its pixels. */
  box: { x: number; y: number; width: number; height: number };
}

/** Where the `nth` occurrence of `phrase` is drawn in the article (within one paragraph). */
export async function locatePhrase(page: Page, phrase: string, nth = 0): Promise<PhraseBox> {
  const found = await page.evaluate(
    ({ phrase, nth }) => {
      const root = document.querySelector('[aria-label="Article text"]');
      if (!root) return null;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node as Text;
        let at = text.data.indexOf(phrase);
        while (at >= 0) {
          if (seen++ === nth) {
            const range = document.createRange();
            range.setStart(text, at);
            range.setEnd(text, at + phrase.length);
            range.startContainer.parentElement?.scrollIntoView({ block: 'center' });
            const rects = Array.from(range.getClientRects()).filter((r) => r.width > 0);
            const first = rects[0]!;
            const last = rects[rects.length - 1]!;
            return {
              startX: first.left + 1,
              y: first.top + first.height / 2,
              endX: last.right - 1,
              endY: last.top + last.height / 2,
              box: { x: first.left, y: first.top, width: first.width, height: first.height },
            };
          }
          at = text.data.indexOf(phrase, at + 1);
        }
      }
      return null;
    },
    { phrase, nth },
  );
  if (!found) throw new Error(`“${phrase}” is not in the article on screen.`);
  return found;
}

/** Drags the mouse across a phrase, as a person selects it. */
export async function selectWithMouse(page: Page, phrase: string, nth = 0): Promise<void> {
  const at = await locatePhrase(page, phrase, nth);
  await page.mouse.move(at.startX, at.y);
  await page.mouse.down();
  await page.mouse.move((at.startX + at.endX) / 2, (at.y + at.endY) / 2, { steps: 4 });
  await page.mouse.move(at.endX, at.endY, { steps: 4 });
  await page.mouse.up();
  const selected = await page.evaluate(() => window.getSelection()?.toString() ?? '');
  if (selected.trim() !== phrase) throw new Error(`Selected “${selected}” instead of “${phrase}”.`);
}

/** Selects a phrase with the mouse and presses a label's hotkey. */
export async function tagWithHotkey(page: Page, phrase: string, key: string, nth = 0): Promise<void> {
  await selectWithMouse(page, phrase, nth);
  await page.keyboard.press(key);
}

/** Clicks the middle of a phrase. */
export async function clickPhrase(page: Page, phrase: string, nth = 0): Promise<void> {
  const at = await locatePhrase(page, phrase, nth);
  await page.mouse.click((at.startX + at.endX) / 2, at.y);
}

/**
 * The text under each painted highlight, by label name: what the browser paints, read from the
 * CSS highlight registry (highlights are not DOM, so there is nothing else to read). `of`:
 * the annotations (`bl-<label id>`) or the suggestions (`bl-suggested-<label id>`).
 */
export async function paintedByLabel(app: BylineApp, of: 'annotations' | 'suggestions' = 'annotations'): Promise<Record<string, string[]>> {
  const layers = await app.page.evaluate(() => {
    const out: Record<string, string[]> = {};
    CSS.highlights.forEach((highlight, name) => {
      out[name] = Array.from(highlight as Iterable<AbstractRange>, (painted) => {
        const range = document.createRange();
        range.setStart(painted.startContainer, painted.startOffset);
        range.setEnd(painted.endContainer, painted.endOffset);
        return range.toString();
      }).sort();
    });
    return out;
  });
  const labels = app.query<{ id: string; name: string }>('SELECT id, name FROM labels');
  const byLabel: Record<string, string[]> = {};
  for (const [name, texts] of Object.entries(layers)) {
    const prefix = of === 'annotations' ? 'bl-' : 'bl-suggested-';
    const label = labels.find((l) => `${prefix}${l.id}` === name);
    if (label && texts.length) byLabel[label.name] = texts;
  }
  return byLabel;
}

/**
 * The most common pixel color behind a phrase on screen, as [r, g, b]: the highlight's background
 * wins over the glyphs' ink.
 */
export async function backgroundOf(page: Page, phrase: string, nth = 0): Promise<[number, number, number]> {
  const { box } = await locatePhrase(page, phrase, nth);
  await page.mouse.move(0, 0);
  const png = PNG.sync.read(await page.screenshot({ clip: box }));
  const counts = new Map<string, number>();
  for (let i = 0; i < png.data.length; i += 4) {
    const key = `${png.data[i]},${png.data[i + 1]},${png.data[i + 2]}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const [best] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
  return best.split(',').map(Number) as [number, number, number];
}

/** A label color as it looks painted at 38% over white, as the article shows it. */
export function blendOverWhite(hex: string, alpha = 0.38): [number, number, number] {
  const channels = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return channels.map((c) => Math.round(c * alpha + 255 * (1 - alpha))) as [number, number, number];
}

/** The code point offset at which `phrase` starts in `text`. */
export function codePointIndex(text: string, phrase: string, nth = 0): number {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(phrase, at + 1);
    if (at < 0) throw new Error(`“${phrase}” is not in the text.`);
  }
  return Array.from(text.slice(0, at)).length;
}

/** The side panel that shows the selected annotation. */
export function detailsPanel(page: Page) {
  return page.getByRole('complementary', { name: 'Annotation' });
}

/** Waits until the side panel shows this annotation: its label (the one chosen) and its text. */
export async function expectSelected(page: Page, label: string, quote: string): Promise<void> {
  const panel = detailsPanel(page);
  await expect(panel.getByRole('blockquote')).toHaveText(quote);
  await expect
    .poll(() =>
      panel.getByRole('combobox', { name: 'Label', exact: true }).evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.text),
    )
    .toBe(label);
}

/** Drags the link handle of the selected annotation onto a phrase. */
export async function dragLinkTo(page: Page, phrase: string): Promise<void> {
  // The handle is a mouse-only affordance (L does the same from the keyboard), so it has no role.
  const target = await locatePhrase(page, phrase);
  const handle = await page.locator('.link-handle').boundingBox();
  if (!handle) throw new Error('No link handle: is an annotation selected?');
  await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move((target.startX + target.endX) / 2, target.y, { steps: 8 });
  await page.mouse.up();
}

/** How many links are drawn in the article. */
export function drawnLinks(page: Page) {
  return page.locator('svg.link-arrows path.link-arrow');
}
