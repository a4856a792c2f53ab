/** The part of svgcanvas (a canvas 2D context that writes SVG; it ships no types) that FigureChart uses. */
declare module 'svgcanvas' {
  export class Context {
    constructor(options: { width: number; height: number });
    getSerializedSvg(fixNamedEntities?: boolean): string;
  }
}
