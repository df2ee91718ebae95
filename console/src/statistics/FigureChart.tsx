import { useEffect, useRef } from 'react';
import type { ChartConfiguration, LegendItem } from 'chart.js';
import type { StatSeriesData } from '../../../lib/kit/statistics/csv';
import { useI18n } from '../i18n/i18n';
import { Chart, COLOURS, hatch } from './chartSetup';
import { periodLabel } from './periods';

/** The grey of the legend's "suppressed" swatch (every series hatches in its own colour). */
const SUPPRESSED_SWATCH = '#4d4d4d';

/**
 * The chart's bars: per label (stacked on its own, so each label keeps its place in a period's
 * group) its shown counts, and a hatched bar the chart's full height where a count is suppressed.
 * A suppressed count has no height of its own: drawing one would state a number the API withholds,
 * and drawing none would read as zero.
 */
export function chartData(series: readonly StatSeriesData[], labelOf: (label: string) => string) {
  const shown = series.flatMap((s) => s.periods.map((p) => p.count.value ?? 0));
  const top = Math.max(1, ...shown);
  return series.flatMap((s, n) => {
    const colour = COLOURS[n % COLOURS.length]!;
    const base = { stack: s.label, borderColor: colour, borderWidth: 1, categoryPercentage: 0.85, barPercentage: 0.95 };
    return [
      { ...base, label: labelOf(s.label), suppressed: false, backgroundColor: colour, data: s.periods.map((p) => (p.count.suppressed ? null : p.count.value)) },
      { ...base, label: labelOf(s.label), suppressed: true, backgroundColor: hatch(colour), data: s.periods.map((p) => (p.count.suppressed ? top : null)) },
    ];
  });
}

/**
 * A figure drawn with Chart.js: bars per period, one colour per label. The canvas is an image
 * whose words are in the table beside it; the tooltip says "suppressed", never a number, for a
 * suppressed count. Redrawn at print size before printing.
 */
export function FigureChart({ title, series, labelOf }: { title: string; series: readonly StatSeriesData[]; labelOf(label: string): string }) {
  const i18n = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const datasets = chartData(series, labelOf);
    const anySuppressed = datasets.some((d) => d.suppressed && d.data.some((v) => v !== null));
    const generateLabels = (chart: Chart): LegendItem[] => {
      const items = Chart.defaults.plugins.legend.labels.generateLabels(chart).filter((item) => !datasets[item.datasetIndex ?? 0]?.suppressed);
      const ownLabels = series.length > 1 ? items : [];
      return anySuppressed
        ? [...ownLabels, { text: i18n.t('dashboard.suppressed'), fillStyle: hatch(SUPPRESSED_SWATCH), strokeStyle: SUPPRESSED_SWATCH, lineWidth: 1, hidden: false, datasetIndex: -1 }]
        : ownLabels;
    };
    const config: ChartConfiguration<'bar', (number | null)[], string> = {
      type: 'bar',
      data: { labels: series[0]?.periods.map((p) => periodLabel(i18n, p.period)) ?? [], datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        devicePixelRatio: Math.max(2, window.devicePixelRatio),
        locale: i18n.locale,
        scales: {
          x: { stacked: true, grid: { display: false } },
          y: { stacked: true, beginAtZero: true, ticks: { precision: 0, callback: (value) => i18n.number(Number(value)) } },
        },
        plugins: {
          legend: { display: series.length > 1 || anySuppressed, position: 'bottom', onClick: () => undefined, labels: { generateLabels } },
          tooltip: {
            filter: (item) => item.raw !== null,
            callbacks: {
              label: (item) => {
                const dataset = datasets[item.datasetIndex]!;
                return `${dataset.label}: ${dataset.suppressed ? i18n.t('dashboard.suppressed') : i18n.number(Number(item.raw))}`;
              },
            },
          },
        },
      },
    };
    const chart = new Chart(canvas.current!, config);
    // Chart.js resizes with its container, but a print layout applies before the container is measured again.
    const resize = () => chart.resize();
    window.addEventListener('beforeprint', resize);
    window.addEventListener('afterprint', resize);
    return () => {
      window.removeEventListener('beforeprint', resize);
      window.removeEventListener('afterprint', resize);
      chart.destroy();
    };
  }, [series, labelOf, i18n]);
  return (
    <div className="figure-chart">
      <canvas ref={canvas} role="img" aria-label={i18n.t('dashboard.chart', { title })} />
    </div>
  );
}
