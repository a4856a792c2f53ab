/** The part of svgcanvas (a canvas 2D context that writes SVG; it ships no types) that FigureChart and svg-context.ts use. */
declare module 'svgcanvas' {
  export class Context {
    constructor(options: { width: number; height: number });
    getSerializedSvg(fixNamedEntities?: boolean): string;
    font: string;
    textAlign: string;
    textBaseline: string;
    __currentElement: Element;
    __createElement(name: string, attributes: Record<string, string | number>, resetFill?: boolean): SVGElement;
    __applyTransformation(element: Element): void;
    __applyStyleToCurrentElement(action: 'fill' | 'stroke'): void;
    __closestGroupOrSvg(): Element;
  }
}
