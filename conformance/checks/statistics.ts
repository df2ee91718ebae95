import { ownFieldOf, unwrap } from '../sdl';
import type { Suite } from '../suite';
import { describe } from './requests';

export interface Cell {
  value: number | null;
  suppressed: boolean;
}
export interface Series {
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

/**
 * What is wrong with one figure's series for one granularity, by requirement: AP-STAT-2 (every
 * period of every label, in order), AP-STAT-3 (small cells), AP-STAT-4 (totals).
 * @param periods - the period labels the range must give, oldest first.
 */
export function seriesProblems(list: readonly Series[], periods: readonly string[]): Record<'AP-STAT-2' | 'AP-STAT-3' | 'AP-STAT-4', string[]> {
  const names = list.map((s) => s.label);
  const incomplete = list.filter((s) => JSON.stringify(s.periods.map((p) => p.period)) !== JSON.stringify(periods)).map((s) => `${s.label}: periods ${JSON.stringify(s.periods.map((p) => p.period))}`);
  if (list.length === 0) incomplete.push('no series');
  if (new Set(names).size !== names.length) incomplete.push(`labels ${JSON.stringify(names)} repeat`);
  const cells = list.flatMap((s) => [...s.periods.map((p) => [p.period, p.count] as const), ['total', s.total] as const].map(([at, cell]) => [s.label, at, cellProblem(cell)] as const));
  return {
    'AP-STAT-2': incomplete,
    'AP-STAT-3': cells.filter(([, , problem]) => problem).map(([label, at, problem]) => `${label} ${at}: ${problem}`),
    'AP-STAT-4': list
      .filter((s) => shown(s.total) && (!s.periods.every((p) => shown(p.count)) || s.periods.reduce((sum, p) => sum + (p.count.value ?? 0), 0) !== s.total.value))
      .map((s) => `${s.label}: total ${s.total.value} shown over ${JSON.stringify(s.periods.map((p) => p.count.value))}`),
  };
}

/** Quarters (and totals) by QUARTER that disagree with the same months by MONTH (AP-STAT-4). */
export function granularityProblems(months: readonly Series[], quarters: readonly Series[]): string[] {
  const mismatched: string[] = [];
  for (const quarterSeries of quarters) {
    const monthSeries = months.find((s) => s.label === quarterSeries.label);
    if (!monthSeries) continue;
    quarterSeries.periods.forEach((quarter, q) => {
      const parts = monthSeries.periods.slice(q * 3, q * 3 + 3).map((p) => p.count);
      if (shown(quarter.count) && parts.every(shown) && parts.reduce((sum, c) => sum + c.value!, 0) !== quarter.count.value) mismatched.push(`${quarterSeries.label} ${quarter.period}`);
    });
    if (shown(quarterSeries.total) && shown(monthSeries.total) && quarterSeries.total.value !== monthSeries.total.value) mismatched.push(`${quarterSeries.label} total`);
  }
  return mismatched;
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
      for (const [id, problems] of Object.entries(seriesProblems(answer[figure] ?? [], labels))) {
        suite.check(id, `${figure} by ${granularity}`, problems.length === 0, problems.slice(0, 3).join('; '));
      }
    }
  }
  for (const figure of figures) {
    const mismatched = granularityProblems(months[figure] ?? [], quarters[figure] ?? []);
    suite.check('AP-STAT-4', `${figure}: quarters and months agree`, mismatched.length === 0, mismatched.slice(0, 3).join(', '));
  }
}
