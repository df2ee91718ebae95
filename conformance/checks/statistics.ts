import { ownFieldOf, unwrap } from '../sdl';
import type { Suite } from '../suite';
import { describe } from './requests';

interface Cell {
  value: number | null;
  suppressed: boolean;
}
interface Series {
  label: string;
  periods: { period: string; count: Cell }[];
  total: Cell;
}

const SERIES = 'label periods { period count { value suppressed } } total { value suppressed }';
const QUERY = (field: string, figures: string[]) =>
  /* GraphQL */ `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Statistics { ${field} { ${figures.map((f) => `${f} { ${SERIES} }`).join(' ')} } } } }`;

/** The last whole calendar year: enough months and quarters for the small-cell rule to matter. */
function lastYear(): { from: string; to: string; months: string[]; quarters: string[] } {
  const year = new Date().getUTCFullYear() - 1;
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);
  return { from: `${year}-01-01`, to: `${year}-12-31`, months, quarters: [1, 2, 3, 4].map((q) => `${year}-Q${q}`) };
}

const shown = (cell: Cell) => !cell.suppressed && cell.value !== null;

function cellProblem(cell: Cell): string | null {
  if (typeof cell?.suppressed !== 'boolean') return 'no suppressed flag';
  if (cell.suppressed) return cell.value === null ? null : `suppressed with value ${cell.value}`;
  if (!Number.isInteger(cell.value) || cell.value! < 0) return `value ${String(cell.value)}`;
  return cell.value! >= 1 && cell.value! <= 4 ? `small count ${cell.value} shown` : null;
}

/** AP-STAT-1 to AP-STAT-4: the agency's figures for the last year, by month and by quarter. */
export async function checkStatistics(suite: Suite): Promise<void> {
  const own = suite.sdl ? ownFieldOf(suite.sdl, 'Statistics', ['from', 'to', 'granularity']) : undefined;
  const figuresType = own ? suite.sdl!.objects.get(unwrap(own.type).named) : undefined;
  if (!own || !figuresType) {
    suite.check('AP-STAT-1', 'the figures the SDL declares', false, 'no field on Statistics in the SDL (AP-SDL-6)');
    return;
  }
  const field = own.name.value;
  const figures = figuresType.fields.map((f) => f.name.value);
  const period = lastYear();
  const ask = (granularity: string, viewer = suite.viewers.coordinator, purpose = 'STATISTICS', from = period.from) =>
    suite.transport.send({ query: QUERY(field, figures), variables: { representations: [{ __typename: 'Statistics', from, to: period.to, granularity }] }, viewer, purpose });
  const seriesOf = (answer: Awaited<ReturnType<typeof ask>>): Record<string, Series[]> | null => {
    const value = (answer.body?.data?._entities as Record<string, unknown>[] | undefined)?.[0]?.[field] as Record<string, Series | Series[]> | null | undefined;
    return value ? Object.fromEntries(Object.entries(value).map(([name, s]) => [name, Array.isArray(s) ? s : [s]])) : null;
  };

  const byMonth = await ask('MONTH');
  const byQuarter = await ask('QUARTER');
  const months = seriesOf(byMonth);
  const quarters = seriesOf(byQuarter);
  suite.check('AP-STAT-1', 'a coordinator gets the figures for STATISTICS', months !== null && quarters !== null && !byMonth.body?.errors && !byQuarter.body?.errors, `${describe(byMonth)}`);
  const forbidden = await ask('MONTH', suite.viewers.caseManager, 'CASE_MANAGEMENT');
  suite.check('AP-STAT-1', 'any other purpose: FORBIDDEN, no figure', seriesOf(forbidden) === null && forbidden.body?.errors?.[0]?.extensions?.code === 'FORBIDDEN', describe(forbidden));
  const badPeriod = await ask('MONTH', suite.viewers.coordinator, 'STATISTICS', period.from.replace(/-01$/, '-15'));
  suite.check('AP-STAT-1', 'a period that does not start on the first of a month: BAD_USER_INPUT', seriesOf(badPeriod) === null && badPeriod.body?.errors?.[0]?.extensions?.code === 'BAD_USER_INPUT', describe(badPeriod));
  if (!months || !quarters) return;

  for (const [granularity, answer, labels] of [['MONTH', months, period.months], ['QUARTER', quarters, period.quarters]] as const) {
    for (const figure of figures) {
      const list = answer[figure] ?? [];
      const names = list.map((s) => s.label);
      const complete = list.length > 0 && new Set(names).size === names.length && list.every((s) => JSON.stringify(s.periods.map((p) => p.period)) === JSON.stringify(labels));
      suite.check('AP-STAT-2', `${figure} by ${granularity}: every period of every label, in order`, complete, `labels ${JSON.stringify(names)}, periods ${JSON.stringify(list[0]?.periods.map((p) => p.period))}`);
      const bad = list.flatMap((s) => [...s.periods.map((p) => [p.period, p.count] as const), ['total', s.total] as const].map(([at, cell]) => [s.label, at, cellProblem(cell)]).filter(([, , problem]) => problem));
      suite.check('AP-STAT-3', `${figure} by ${granularity}: no small count shown`, bad.length === 0, JSON.stringify(bad.slice(0, 3)));
      const wrongTotals = list.filter((s) => shown(s.total) && (!s.periods.every((p) => shown(p.count)) || s.periods.reduce((sum, p) => sum + (p.count.value ?? 0), 0) !== s.total.value));
      suite.check('AP-STAT-4', `${figure} by ${granularity}: a total is shown only when every period is, and is their sum`, wrongTotals.length === 0, `labels ${wrongTotals.map((s) => s.label).join(', ')}`);
    }
  }
  for (const figure of figures) {
    const mismatched: string[] = [];
    for (const quarterSeries of quarters[figure] ?? []) {
      const monthSeries = (months[figure] ?? []).find((s) => s.label === quarterSeries.label);
      if (!monthSeries) continue;
      quarterSeries.periods.forEach((quarter, q) => {
        const parts = monthSeries.periods.slice(q * 3, q * 3 + 3).map((p) => p.count);
        if (shown(quarter.count) && parts.every(shown) && parts.reduce((sum, c) => sum + c.value!, 0) !== quarter.count.value) mismatched.push(`${quarterSeries.label} ${quarter.period}`);
      });
      if (shown(quarterSeries.total) && shown(monthSeries.total) && quarterSeries.total.value !== monthSeries.total.value) mismatched.push(`${quarterSeries.label} total`);
    }
    suite.check('AP-STAT-4', `${figure}: quarters and months agree`, mismatched.length === 0, mismatched.slice(0, 3).join(', '));
  }
}
