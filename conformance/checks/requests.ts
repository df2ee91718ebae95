import type { Suite } from '../suite';
import { codesOf, type Answer, type Call } from '../transport';

/** A request that does nothing but would be answered with data if accepted. */
export const HARMLESS = '{ __typename }';

export function describe(answer: Answer): string {
  return `HTTP ${answer.status}, codes ${JSON.stringify(codesOf(answer))}, data ${JSON.stringify(answer.body?.data ?? null)}`;
}

/** A whole request refused: `status`, an error with `code` first, and no data. */
export function isRefusal(answer: Answer, status: number, code: string): boolean {
  return answer.status === status && codesOf(answer)[0] === code && (answer.body?.data === undefined || answer.body.data === null);
}

/**
 * Sends a request built to be refused and records whether it was, as a probe of `id`.
 * @returns the answer, for checks that compare refusals with each other.
 */
export async function expectRefused(suite: Suite, id: string, name: string, call: Partial<Call>, status: number, code: string, extra?: (answer: Answer) => boolean): Promise<Answer> {
  const answer = await suite.transport.send({ query: HARMLESS, viewer: suite.viewers.own, purpose: 'CASE_MANAGEMENT', ...call });
  const ok = isRefusal(answer, status, code) && (extra ? extra(answer) : true);
  suite.check(id, name, ok, `expected ${status} ${code}, got ${describe(answer)}`);
  return answer;
}
