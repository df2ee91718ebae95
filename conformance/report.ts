import type { Outcome, Report, RequirementResult } from './run';

const LABEL: Record<Outcome, string> = { pass: 'PASS', fail: 'FAIL', warn: 'WARN', skip: 'SKIP', 'n/a': 'N/A ', unchecked: '----' };
const ICON: Record<Outcome, string> = { pass: '🟢', fail: '❌', warn: '🟡', skip: '⚪', 'n/a': '➖', unchecked: '🔲' };

export function counts(report: Report): Record<Outcome, number> {
  const result: Record<Outcome, number> = { pass: 0, fail: 0, warn: 0, skip: 0, 'n/a': 0, unchecked: 0 };
  for (const r of report.results) result[r.outcome] += 1;
  return result;
}

/** The ids of the requirements that failed (MUST) or warned (SHOULD). */
export function failedIds(report: Report, outcome: Outcome = 'fail'): string[] {
  return report.results.filter((r) => r.outcome === outcome).map((r) => r.id);
}

function failedProbes(result: RequirementResult): string[] {
  return result.probes.filter((p) => p.status === 'fail').map((p) => `${p.name}${p.detail ? `: ${p.detail}` : ''}`);
}

function summary(report: Report): string {
  const c = counts(report);
  const checked = c.pass + c.fail + c.warn + c.skip;
  return `${checked} requirements checked: ${c.pass} passed, ${c.fail} failed, ${c.warn} SHOULD not met, ${c.skip} skipped; ${c.unchecked} declared by the operator, ${c['n/a']} not applicable; ${report.requests} requests in ${(report.durationMs / 1000).toFixed(1)} s`;
}

/** One line per requirement checked, failed probes below their requirement, then the summary. */
export function formatText(report: Report): string {
  const lines = [`OneRoof agency protocol ${report.protocol}: ${report.agency} at ${report.url}`];
  for (const result of report.results) {
    if (result.outcome === 'n/a' || result.outcome === 'unchecked') continue;
    const probes = result.probes.length > 0 ? ` (${result.probes.filter((p) => p.status === 'pass').length}/${result.probes.length})` : '';
    lines.push(`${LABEL[result.outcome]}  ${result.id.padEnd(11)} ${result.level === 'MUST' ? '' : `[${result.level}] `}${result.title}${probes}${result.reason ? ` (${result.reason})` : ''}`);
    for (const probe of failedProbes(result)) lines.push(`        - ${probe}`);
  }
  lines.push(summary(report), report.ok ? 'CONFORMS' : `DOES NOT CONFORM: ${failedIds(report).join(', ')}`);
  return `${lines.join('\n')}\n`;
}

/** A results table in the manner of Apollo's subgraph compatibility suite. */
export function formatMarkdown(report: Report): string {
  const rows = report.results.map((r) => {
    const note = r.outcome === 'fail' || r.outcome === 'warn' ? failedProbes(r).join('<br>').replace(/\|/g, '\\|') : r.reason ?? '';
    return `| ${ICON[r.outcome]} | ${r.id} | ${r.level} | ${r.title.replace(/\|/g, '\\|')} | ${note} |`;
  });
  return [
    `# OneRoof agency protocol ${report.protocol}: ${report.agency}`,
    '',
    `Subgraph: ${report.url}. ${summary(report)}. ${report.ok ? '**Conforms.**' : '**Does not conform.**'}`,
    '',
    '| | requirement | level | what | notes |',
    '|---|---|---|---|---|',
    ...rows,
    '',
    '🟢 passed · ❌ MUST failed · 🟡 SHOULD not met · ⚪ skipped · ➖ not applicable · 🔲 not observable from outside (declared by the operator)',
    '',
  ].join('\n');
}
