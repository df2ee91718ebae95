import { performance } from 'node:perf_hooks';
import { checkAudit } from './checks/audit';
import { checkRequestContext } from './checks/context';
import { checkHub } from './checks/hub';
import { checkReleases } from './checks/release';
import { describe, HARMLESS } from './checks/requests';
import { checkSchema } from './checks/schema';
import { checkSignatures } from './checks/signatures';
import { checkStatistics } from './checks/statistics';
import { checkTokens } from './checks/tokens';
import { SetupError, type ConformanceSetup } from './keys';
import { PROTOCOL_VERSION } from './protocol';
import { appliesTo, REQUIREMENTS, type Level } from './requirements';
import { Suite, type Probe, type SuiteOptions } from './suite';

/** `warn`: a SHOULD that failed; `n/a`: not for this kind of subgraph; `unchecked`: the operator declares it. */
export type Outcome = 'pass' | 'fail' | 'warn' | 'skip' | 'n/a' | 'unchecked';

export interface RequirementResult {
  id: string;
  level: Level;
  title: string;
  outcome: Outcome;
  probes: Probe[];
  /** Why it was skipped. */
  reason?: string;
}

export interface Report {
  protocol: string;
  agency: string;
  url: string;
  durationMs: number;
  /** GraphQL requests the suite sent the subgraph. */
  requests: number;
  results: RequirementResult[];
  /** No MUST failed. */
  ok: boolean;
}

/**
 * The requests a conforming subgraph answers before anything else can be judged: a plain valid
 * request. When it is refused, the subgraph does not trust the suite's keys, and every refusal
 * probe would pass for the wrong reason.
 */
async function preflight(suite: Suite): Promise<void> {
  let answer;
  try {
    answer = await suite.transport.send({ query: HARMLESS, viewer: suite.viewers.own, purpose: 'CASE_MANAGEMENT' });
  } catch (error) {
    throw new SetupError(`${suite.options.url} does not answer: ${(error as Error).message}`);
  }
  if (answer.status !== 200) {
    throw new SetupError(`${suite.options.url} refuses a valid request of the suite (${describe(answer)}): start it with the environment npm run conformance -- --init printed, with the agency id ${suite.options.agency}.`);
  }
}

/** Runs one group of checks; an exception it throws fails the group's first requirement rather than the run. */
async function group(suite: Suite, id: string, name: string, run: (suite: Suite) => Promise<void>): Promise<void> {
  try {
    await run(suite);
  } catch (error) {
    if (error instanceof SetupError) throw error;
    suite.check(id, `${name} could not run`, false, (error as Error).message);
  }
}

function resultOf(suite: Suite, requirement: (typeof REQUIREMENTS)[number]): RequirementResult {
  const base = { id: requirement.id, level: requirement.level, title: requirement.title };
  if (!appliesTo(requirement, suite.hub)) return { ...base, outcome: 'n/a', probes: [] };
  if (!requirement.checked) return { ...base, outcome: 'unchecked', probes: [] };
  const probes = suite.probes.get(requirement.id) ?? [];
  if (probes.some((p) => p.status === 'fail')) return { ...base, outcome: requirement.level === 'MUST' ? 'fail' : 'warn', probes };
  if (probes.length > 0) return { ...base, outcome: 'pass', probes };
  return { ...base, outcome: 'skip', probes, reason: suite.skipped.get(requirement.id) ?? 'not exercised: an earlier requirement failed' };
}

/**
 * Runs the whole suite against one subgraph. The subgraph must already trust `setup`'s keys, and
 * its JWKS documents must be reachable (see `serveKeys`).
 * @throws SetupError when the subgraph cannot be tested at all (unreachable, not trusting the keys, a client it does not know).
 */
export async function runSuite(options: SuiteOptions, setup: ConformanceSetup): Promise<Report> {
  const started = performance.now();
  const suite = new Suite(options, setup);
  await preflight(suite);
  await group(suite, 'AP-HTTP-1', 'the request checks', checkRequestContext);
  await group(suite, 'AP-SDL-1', 'the schema checks', checkSchema);
  await group(suite, 'AP-TOKEN-1', 'the token checks', checkTokens);
  await group(suite, 'AP-SIG-1', 'the signature checks', checkSignatures);
  if (suite.part) await group(suite, 'AP-POL-2', 'the release checks', checkReleases);
  if (suite.hub) await group(suite, 'AP-FJC-1', 'the FJC checks', checkHub);
  await group(suite, 'AP-STAT-1', 'the statistics checks', checkStatistics);
  await group(suite, 'AP-AUD-1', 'the audit checks', checkAudit);
  const results = REQUIREMENTS.map((requirement) => resultOf(suite, requirement));
  return {
    protocol: PROTOCOL_VERSION,
    agency: options.agency,
    url: options.url,
    durationMs: Math.round(performance.now() - started),
    requests: suite.transport.sent,
    results,
    ok: results.every((r) => r.outcome !== 'fail'),
  };
}
