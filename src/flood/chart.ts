/** Inline SVG line charts for report.html: no library, no script, nothing fetched. */

const WIDTH = 720;
const HEIGHT = 240;
const MARGIN = { top: 16, right: 16, bottom: 36, left: 56 };
const TICKS = 5;

export interface Series {
  name: string;
  color: string;
  points: [x: number, y: number][];
}

export interface LineChart {
  title: string;
  xLabel: string;
  yLabel: string;
  series: Series[];
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Round tick steps (1, 2, 5 x 10^n) so the axes read well whatever the range. */
function niceStep(max: number): number {
  const raw = max / TICKS;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((factor) => factor * magnitude).find((step) => step >= raw)!;
}

function axisMax(values: number[]): number {
  const max = Math.max(0, ...values);
  if (max === 0) return 1;
  const step = niceStep(max);
  return Math.ceil(max / step) * step;
}

function format(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 1 : 0);
}

export function renderLineChart(chart: LineChart): string {
  const points = chart.series.flatMap((series) => series.points);
  if (points.length === 0) return `<figure><figcaption>${escapeHtml(chart.title)}</figcaption><p class="muted">no data</p></figure>`;
  const xMax = axisMax(points.map(([x]) => x));
  const yMax = axisMax(points.map(([, y]) => y));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  // Pixel coordinates to a tenth: finer only bloats the page.
  const sx = (x: number) => Math.round((MARGIN.left + (x / xMax) * plotWidth) * 10) / 10;
  const sy = (y: number) => Math.round((MARGIN.top + plotHeight - (y / yMax) * plotHeight) * 10) / 10;
  const ticks = (max: number) => Array.from({ length: Math.round(max / niceStep(max)) + 1 }, (_, i) => i * niceStep(max));
  const yTicks = ticks(yMax)
    .map(
      (y) =>
        `<line x1="${MARGIN.left}" x2="${WIDTH - MARGIN.right}" y1="${sy(y)}" y2="${sy(y)}" class="grid"/><text x="${MARGIN.left - 6}" y="${sy(y) + 4}" text-anchor="end">${format(y)}</text>`,
    )
    .join('');
  const xTicks = ticks(xMax)
    .map((x) => `<text x="${sx(x)}" y="${HEIGHT - MARGIN.bottom + 16}" text-anchor="middle">${format(x)}</text>`)
    .join('');
  const lines = chart.series
    .map(
      (series) => `<polyline fill="none" stroke="${series.color}" stroke-width="2" points="${series.points.map(([x, y]) => `${sx(x)},${sy(y)}`).join(' ')}"/>`,
    )
    .join('');
  const legend = chart.series.map((series) => `<span class="key"><i style="background:${series.color}"></i>${escapeHtml(series.name)}</span>`).join('');
  return `<figure><figcaption>${escapeHtml(chart.title)}</figcaption>
<svg viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(chart.title)}">${yTicks}${xTicks}${lines}
<text x="${MARGIN.left + plotWidth / 2}" y="${HEIGHT - 4}" text-anchor="middle">${escapeHtml(chart.xLabel)}</text>
<text transform="translate(14 ${MARGIN.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">${escapeHtml(chart.yLabel)}</text></svg>
<div class="legend">${legend}</div></figure>`;
}
