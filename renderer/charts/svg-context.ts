/**
 * svgcanvas's 2D context, with text that a strict Content Security Policy lets through.
 *
 * svgcanvas 2.6 reads a text's font by setting a span's `style` attribute, which our CSP
 * (style-src 'self') refuses: a violation for each label, and text without its font in the file.
 * Here the font is read through the CSSOM (`style.font = …`), which CSP allows; the rest is
 * svgcanvas's own drawing. (Worth a fix upstream; then this file goes.)
 */
import { Context } from 'svgcanvas';

const ANCHORS: Record<string, string> = { left: 'start', right: 'end', center: 'middle', start: 'start', end: 'end' };
const BASELINES: Record<string, string> = { alphabetic: 'alphabetic', hanging: 'hanging', top: 'text-before-edge', bottom: 'text-after-edge', middle: 'central' };

export class SvgContext extends Context {
  __applyText(text: string, x: number, y: number, action: 'fill' | 'stroke'): void {
    const font = document.createElement('span').style;
    font.font = this.font;
    // Found before the text becomes the current element, which has no parent yet.
    const parent = this.__closestGroupOrSvg();
    const element = this.__createElement(
      'text',
      {
        'font-family': font.fontFamily,
        'font-size': font.fontSize,
        'font-style': font.fontStyle,
        'font-weight': font.fontWeight,
        x,
        y,
        'text-anchor': ANCHORS[this.textAlign] ?? 'start',
        'dominant-baseline': BASELINES[this.textBaseline] ?? 'alphabetic',
      },
      true,
    );
    element.appendChild(document.createTextNode(text));
    this.__currentElement = element;
    this.__applyTransformation(element);
    this.__applyStyleToCurrentElement(action);
    parent.appendChild(element);
  }
}
