import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip } from 'chart.js';

/**
 * Chart.js with only what the dashboard draws (bars on a category and a linear axis, legend,
 * tooltip): tree-shaken, in the dashboard's own chunk. Chart.js draws on a canvas and sets no
 * inline style attribute or stylesheet, so the console's CSP (no inline style) holds.
 */
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
Chart.defaults.color = '#1a1a1a';
Chart.defaults.animation = false;

export { Chart };

/** Okabe and Ito's palette, told apart with the common colour-vision deficiencies. */
export const COLOURS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#7A5C1E', '#000000'];

const patterns = new Map<string, CanvasPattern>();

/** Diagonal hatching in `colour` on white: how a suppressed count is drawn, in the chart as in the table. */
export function hatch(colour: string): CanvasPattern | string {
  const cached = patterns.get(colour);
  if (cached) return cached;
  const tile = document.createElement('canvas');
  tile.width = 8;
  tile.height = 8;
  const context = tile.getContext('2d');
  if (!context) return '#ffffff';
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, 8, 8);
  context.strokeStyle = colour;
  context.lineWidth = 1.5;
  context.beginPath();
  // One stroke across the tile and two corner pieces, so that tiles join into unbroken diagonals.
  context.moveTo(0, 8);
  context.lineTo(8, 0);
  context.moveTo(-2, 2);
  context.lineTo(2, -2);
  context.moveTo(6, 10);
  context.lineTo(10, 6);
  context.stroke();
  const pattern = context.createPattern(tile, 'repeat');
  if (!pattern) return '#ffffff';
  patterns.set(colour, pattern);
  return pattern;
}
