import {
  BarController,
  BarElement,
  BasicPlatform,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Tooltip,
  type ChartConfiguration,
  type Plugin,
} from 'chart.js';
import { MatrixController, MatrixElement } from 'chartjs-chart-matrix';
import { useEffect, useEffectEvent, useImperativeHandle, useRef, type Ref } from 'react';
import { themeColor } from './chart-theme';
import { SvgContext } from './svg-context';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend, MatrixController, MatrixElement);

/** What a figure's export buttons need of its chart. */
export interface ChartFiles {
  png(): string;
  svg(): string;
}

/** Paints the panel's color under the chart, so a saved PNG reads as it does on screen. */
const background: Plugin = {
  id: 'bylineBackground',
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.fillStyle = themeColor('--panel', '#ffffff');
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

interface Props {
  /** The chart; a new one (by identity) redraws it without building another. */
  config: ChartConfiguration;
  /** What a screen reader is told it shows; the table beside it holds the same figures. */
  label: string;
  onPick(datasetIndex: number, index: number): void;
  className?: string;
  files?: Ref<ChartFiles>;
}

/** A Chart.js chart on a canvas, kept between reports (an update redraws it in place), that can be saved as PNG or SVG. */
export function FigureChart({ config, label, onPick, className, files }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart | null>(null);
  const picked = useEffectEvent(onPick);
  useEffect(() => {
    const made = new Chart(canvas.current!, { ...config, plugins: [background] });
    chart.current = made;
    return () => {
      made.destroy();
      chart.current = null;
    };
    // Built once: later configs update it (below).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  useEffect(() => {
    const current = chart.current;
    if (!current) return;
    current.data = config.data;
    current.options = {
      ...config.options,
      onClick: (_event, elements) => {
        const hit = elements[0];
        if (hit) picked(hit.datasetIndex, hit.index);
      },
    };
    current.update('none');
  }, [config]);
  useImperativeHandle(files, () => ({
    png: () => chart.current!.toBase64Image('image/png', 1),
    svg: () => chartSvg(config, chart.current!.width, chart.current!.height),
  }));
  return (
    <div className={`chart-box ${className ?? ''}`}>
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}

/** The chart drawn again into an SVG context (svgcanvas) of the same size. */
function chartSvg(config: ChartConfiguration, width: number, height: number): string {
  const context = new SvgContext({ width, height });
  // Chart.js draws on whatever has a 2D context; the basic platform asks nothing of the DOM.
  const surface = { width, height, style: {}, getContext: () => context };
  const drawn = new Chart(surface as unknown as HTMLCanvasElement, {
    ...config,
    platform: BasicPlatform,
    plugins: [background],
    options: { ...config.options, responsive: false, animation: false, devicePixelRatio: 1 },
  });
  drawn.draw();
  const svg = context.getSerializedSvg(true);
  drawn.destroy();
  return svg;
}
