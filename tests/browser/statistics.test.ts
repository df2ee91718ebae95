import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { figuresOf } from '../../gateway/statisticsCsv';
import { close, listen } from '../../lib/http/graphqlHttpServer';
import { agencyData, seriesOf, statisticsQuery, type StatisticsData } from '../../lib/kit/statistics/csv';
import { SUPERGRAPH_FILE } from '../../schema/compose';
import { devSignIn, screenshot, seriousViolations } from './helpers/browser';
import { consoleSuite } from './helpers/suite';

jest.setTimeout(180_000);

/**
 * The coordinator's dashboard in Chromium, against a gateway and every agency's subgraph on ephemeral
 * ports with a world large enough for a year by month to show most police counts and suppress
 * others; and the worked example of docs/statistics.md, served from an origin of its own that
 * the gateway allows (ONEROOF_CORS_ORIGINS), drawing the same figures.
 */
const YEAR = 2025;
const RANGE = `from=${YEAR}-01-01&to=${YEAR}-12-31&granularity=MONTH`;
const FIGURES = figuresOf(fs.readFileSync(SUPERGRAPH_FILE, 'utf8'));
const FIGURE_IDS = FIGURES.flatMap(({ agency, figures }) => figures.map((figure) => `${agency}.${figure}`));

/** Serves docs/examples as any static web server would: the example dashboard's own origin. */
function examplesServer(): http.Server {
  const dir = path.join(__dirname, '../../docs/examples');
  return http.createServer((req, res) => {
    const file = path.join(dir, path.basename(new URL(req.url ?? '/', 'http://x').pathname));
    // A browser asks for /favicon.ico; a 404 would show as a console error.
    if (!fs.existsSync(file)) return void res.writeHead(req.url === '/favicon.ico' ? 204 : 404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(fs.readFileSync(file));
  });
}

describe("the coordinator's dashboard in Chromium", () => {
  const examples = examplesServer();
  let examplesOrigin = '';
  beforeAll(async () => {
    examplesOrigin = `http://127.0.0.1:${await listen(examples, 0, '127.0.0.1')}`;
  });
  afterAll(() => close(examples));
  const suite = consoleSuite(() => ({ clients: 1500, corsOrigins: [examplesOrigin] }));
  let coordinator: string;
  let answer: StatisticsData;
  beforeAll(async () => {
    coordinator = await suite.stack.token({ sub: 'fjc-coordinator-1', agency: 'fjc', roles: ['COORDINATOR'] });
    const query = statisticsQuery(FIGURES, 'Year');
    const { body } = await suite.stack.post<{ statistics: StatisticsData }>(query, { token: coordinator, purpose: 'STATISTICS', variables: { period: { from: `${YEAR}-01-01`, to: `${YEAR}-12-31`, granularity: 'MONTH' } } });
    answer = body.data!.statistics;
  });
  const page = () => suite.page;
  /** Every suppressed cell of the API's answer (periods and totals), as `<agency>.<figure> <label> <period>`. */
  const suppressedCells = () =>
    FIGURES.flatMap(({ field, agency, figures }) => figures.flatMap((figure) => seriesOf(agencyData(answer, field)![figure]).flatMap((series) =>
      [...series.periods.map((p) => ({ period: p.period, cell: p.count })), { period: 'total', cell: series.total }]
        .filter(({ cell }) => cell.suppressed).map(({ period }) => `${agency}.${figure} ${series.label} ${period}`)))).sort();
  const show = async (heading: string) => {
    await page().getByRole('button', { name: /Cijfers tonen|Show the figures/ }).click();
    await page().getByTestId('dashboard-heading').filter({ hasText: heading }).waitFor();
    await page().locator('main figure').first().waitFor();
  };

  it("sends a coordinator to the figures, and draws a chart and its table for every figure of every agency in the supergraph", async () => {
    await devSignIn(page(), suite.origin, 'fjc-coordinator-1');
    await page().waitForURL(`${suite.origin}/statistics`);
    expect(await page().getByTestId('purpose').inputValue()).toBe('STATISTICS');
    await page().getByLabel('Jaar').selectOption(String(YEAR));
    await page().getByRole('radio', { name: 'maand' }).check();
    await show(`Cijfers ${YEAR}, per maand`);
    expect(await page().locator('main figure').evaluateAll((all) => all.map((f) => f.getAttribute('data-figure')))).toEqual(FIGURE_IDS);
    expect(await page().locator('main figure canvas').count()).toBe(FIGURE_IDS.length);
    // Every canvas holds a drawing (Chart.js drew it), and every table a row per month and a total.
    const drawn = await page().locator('main figure canvas').evaluateAll((canvases) =>
      canvases.filter((c) => {
        const { width, height } = c as HTMLCanvasElement;
        const pixels = (c as HTMLCanvasElement).getContext('2d')!.getImageData(0, 0, width, height).data;
        return width > 0 && pixels.some((v, i) => i % 4 === 3 && v > 0);
      }).length);
    expect(drawn).toBe(FIGURE_IDS.length);
    const rows = await page().locator('main figure table').evaluateAll((tables) => tables.map((t) => (t as HTMLTableElement).tBodies[0]!.rows.length + (t as HTMLTableElement).tFoot!.rows.length));
    expect(rows).toEqual(FIGURE_IDS.map(() => 13));
    const police = page().locator('[data-figure="police.interventionsByKind"]');
    expect(await police.locator('thead th').allTextContents()).toEqual(['Periode', 'Fysiek', 'Psychisch', 'Seksueel', 'Economisch', 'Belaging']);
    expect(await police.locator('tbody th').first().textContent()).toBe(`jan ${YEAR}`);
    await suite.accessible('dashboard');
  });

  it('shows a suppressed count as "minder dan 5*", hatched, never as its number or a zero, and each shown count as the API gives it', async () => {
    const suppressed = suppressedCells();
    expect(suppressed.length).toBeGreaterThan(10);
    const shownInPage = await page().locator('main td.suppressed').evaluateAll((cells) =>
      cells.map((cell) => `${cell.closest('figure')!.getAttribute('data-figure')} ${cell.getAttribute('data-cell')}`));
    expect(shownInPage.sort()).toEqual(suppressed);
    const texts = await page().locator('main td.suppressed').evaluateAll((cells) => [...new Set(cells.map((c) => `${c.textContent}|${/hatch.*\.svg/.test(getComputedStyle(c).backgroundImage)}|${c.attributes.length}`))]);
    expect(texts).toEqual(['minder dan 5*|true|2']);
    // One cell in detail: its whole text is the words, with no digit but the 5 of the rule.
    const [figure, label, period] = suppressed[0]!.split(' ');
    const cell = page().locator(`[data-figure="${figure}"] td[data-cell="${label} ${period}"]`);
    expect(await cell.innerText()).toBe('minder dan 5*');
    expect((await cell.innerText()).replace('5', '')).not.toMatch(/\d/);
    // Shown counts are 0 or 5 and more, so a number of 1 to 4 in any cell could only be a suppressed count leaking.
    expect(await page().locator('main td').evaluateAll((cells) => cells.map((c) => c.textContent).filter((text) => /^[1-4]$/.test(text ?? '')))).toEqual([]);
    // A shown count reads as the API's number (Belgian Dutch format).
    const physical = seriesOf(agencyData(answer, 'police')!.interventionsByKind).find((s) => s.label === 'PHYSICAL')!;
    expect(physical.periods[0]!.count.suppressed).toBe(false);
    expect(await page().locator(`[data-figure="police.interventionsByKind"] td[data-cell="PHYSICAL ${YEAR}-01"]`).innerText()).toBe(String(physical.periods[0]!.count.value));
    expect(await page().getByText('Gearceerd, “minder dan 5*”: onderdrukt volgens de regel voor kleine aantallen').count()).toBe(1);
  });

  it('downloads exactly what it shows: the CSV the API gives for that range', async () => {
    const [download] = await Promise.all([page().waitForEvent('download'), page().getByRole('button', { name: 'Downloaden als CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`statistics-${YEAR}-01-01-${YEAR}-12-31-month.csv`);
    const file = fs.readFileSync((await download.path())!, 'utf8');
    const api = await fetch(`${suite.origin}/statistics.csv?${RANGE}`, { headers: { authorization: `Bearer ${coordinator}`, 'x-purpose-of-use': 'STATISTICS' } });
    expect(file).toBe(await api.text());
    expect(file.split('\r\n').filter((line) => line.endsWith(',true')).length).toBe(suppressedCells().length);
  });

  it('lays the yearly report out for print: no navigation or controls, each chart above its whole table', async () => {
    await page().emulateMedia({ media: 'print' });
    try {
      for (const hidden of ['header.top', 'section.purpose', 'main form', 'button:has-text("Rapport afdrukken")']) {
        expect({ hidden, visible: await page().locator(hidden).first().isVisible() }).toEqual({ hidden, visible: false });
      }
      expect(await page().getByTestId('dashboard-heading').isVisible()).toBe(true);
      const layout = await page().locator('main figure').first().evaluate((figure) => ({
        columns: getComputedStyle(figure.querySelector('.figure-body')!).gridTemplateColumns.split(' ').length,
        breakInside: getComputedStyle(figure).breakInside,
        tableOverflow: getComputedStyle(figure.querySelector('.figure-table')!).overflowY,
      }));
      expect(layout).toEqual({ columns: 1, breakInside: 'avoid', tableOverflow: 'visible' });
      // Suppressed cells keep their word and get a dashed frame instead of a tiled background (cheap to print).
      expect(await page().locator('main td.suppressed').first().evaluate((cell) => [cell.textContent, getComputedStyle(cell).outlineStyle])).toEqual(['minder dan 5*', 'dashed']);
      await screenshot(page(), 'dashboard-print');
    } finally {
      await page().emulateMedia({ media: 'screen' });
    }
  });

  it('says "no figures from" an agency stopped during the test, on each of its charts, never zeros', async () => {
    await suite.stack.subgraphs.housing.kill();
    try {
      await show(`Cijfers ${YEAR}, per maand`);
      const housing = page().locator('section[data-agency="housing"]');
      await housing.getByTestId('no-figures').first().waitFor();
      const figures = FIGURES.find((f) => f.agency === 'housing')!.figures.length;
      expect(await housing.getByTestId('no-figures').allTextContents()).toEqual(Array(figures).fill('Geen cijfers van Huisvesting: geen antwoord ontvangen. Niets hier is een nul.'));
      expect(await housing.locator('canvas, table').count()).toBe(0);
      expect(await page().getByTestId('dashboard-summary').textContent()).toMatch(/Geen cijfers van Huisvesting\.$/);
      expect(await page().locator('section[data-agency="police"] canvas').count()).toBe(FIGURES.find((f) => f.agency === 'police')!.figures.length);
      await suite.accessible('dashboard-agency-stopped');
    } finally {
      await suite.stack.subgraphs.housing.restart();
    }
  });

  it('is used with the keyboard alone, and speaks English when asked, its periods in that language', async () => {
    await page().getByTestId('language').selectOption('en');
    const year = page().getByLabel('Year');
    await year.focus();
    await page().keyboard.press('ArrowDown'); // one year earlier
    expect(await year.inputValue()).toBe(String(YEAR - 1));
    await page().keyboard.press('Tab'); // the granularity's first radio (month)
    await page().keyboard.press('ArrowRight'); // quarter
    await page().keyboard.press('Tab');
    await page().keyboard.press('Enter');
    await page().getByTestId('dashboard-heading').filter({ hasText: `Figures for ${YEAR - 1}, per quarter` }).waitFor();
    const police = page().locator('[data-figure="police.interventionsByKind"]');
    expect(await police.locator('tbody th').allTextContents()).toEqual([1, 2, 3, 4].map((q) => `Q${q} ${YEAR - 1}`));
    expect(await page().locator('main td.suppressed').first().innerText()).toBe('fewer than 5*');
    await suite.accessible('dashboard-en-quarters');
  });

  it("draws the figures in the worked example of docs/statistics.md, from an origin the gateway allows, signed in through the development route", async () => {
    const example = await suite.browser.newPage();
    try {
      await example.goto(`${examplesOrigin}/statistics-dashboard.html`);
      await example.locator('#gateway').fill(suite.origin);
      await example.getByRole('button', { name: 'Sign in (development)' }).click();
      await example.getByText(/^Signed in as Coordinator \(FJC\) until /).waitFor();
      await example.locator('#year').fill(String(YEAR));
      await example.getByRole('button', { name: 'Show the year' }).click();
      await example.getByText(/^Figures of 2025 \(request dashboard-/).waitFor();
      // The page draws the figures it lists (docs/statistics.md shows how to list more): one chart and one table each.
      const listed = await example.evaluate(() => ((window as unknown as { OneRoofDashboard: { statisticsQuery(): string } }).OneRoofDashboard.statisticsQuery().match(/\.\.\.Series/g) ?? []).length);
      expect(listed).toBeGreaterThanOrEqual(21);
      expect(await example.locator('#charts figure svg').count()).toBe(listed);
      expect(await example.locator('#charts figure table').count()).toBe(listed);
      // Suppressed counts written as such, and no count of 1 to 4 anywhere.
      expect(await example.locator('#charts td.suppressed').count()).toBeGreaterThan(10);
      expect(await example.locator('#charts td').evaluateAll((cells) => cells.filter((c) => /^[1-4]$/.test(c.textContent ?? '')).length)).toBe(0);
      await screenshot(example, 'example-dashboard');
      expect(await seriousViolations(example)).toEqual([]);
    } finally {
      await example.close();
    }
  });
});
