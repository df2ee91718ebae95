import { evaluate, type Evaluation } from '../evaluate';
import type { Tamper } from '../mint';
import { expectedDecision } from '../oracle';
import { CATEGORIES, HEADER, type Bases, type Category, type Purpose, type Viewer } from '../protocol';
import { selectionOf } from '../sdl';
import type { Suite } from '../suite';
import type { Answer } from '../transport';

export const ENTITY_QUERY = (selection: string) => /* GraphQL */ `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Client { ${selection} } } }`;
export const ROOT = ['_entities', 0] as const;

/** One release request: who asks, why, for which client, with which assertion, and what it exercises. */
export interface Scenario {
  name: string;
  viewer: Viewer;
  purpose: Purpose;
  clientId?: string;
  conference?: string;
  emergencyReason?: { header: string; recorded: string };
  /** The bases of a valid assertion to send; `null`: send none. */
  bases: Bases | null;
  /** Sends the assertion tampered with; the subgraph must then decide as without one. */
  tamper?: { tamper?: Tamper; requirement: string; claims?: Record<string, unknown> };
  /** Compare released data with the agency's own staff's view (AP-POL-9); default true. */
  compare?: boolean;
}

/** Which ids a scenario's evaluation blames go to: every exercised id passes unless blamed. */
export function recordEvaluation(suite: Suite, name: string, evaluation: Evaluation): void {
  const blamed = new Map<string, string[]>();
  for (const problem of evaluation.problems) blamed.set(problem.id, [...(blamed.get(problem.id) ?? []), problem.text]);
  for (const id of new Set([...evaluation.exercised, ...blamed.keys()])) {
    const texts = blamed.get(id);
    suite.check(id, name, !texts, texts?.slice(0, 3).join('; '));
  }
}

/**
 * Sends one scenario for the agency's part of `Client`, checks the answer against the protocol's
 * decision for every labelled field, and notes the disclosure record the subgraph must have written.
 */
export async function runScenario(suite: Suite, scenario: Scenario): Promise<{ answer: Answer; evaluation: Evaluation }> {
  const part = suite.part!;
  const clientId = scenario.clientId ?? suite.client;
  const valid = scenario.bases !== null && !scenario.tamper;
  const representation: Record<string, unknown> = { __typename: 'Client', id: clientId };
  if (scenario.bases !== null && !suite.hub) {
    const t = scenario.tamper;
    representation.accessAssertion = await suite.mint.assertion(
      { viewer: scenario.viewer, purpose: scenario.purpose, clientId, conference: scenario.conference, bases: scenario.bases },
      t ? { ...t.tamper, claims: { ...t.tamper?.claims, ...t.claims } } : undefined,
    );
  }
  const headers: Record<string, string> = {};
  if (scenario.conference) headers[HEADER.conference] = scenario.conference;
  if (scenario.emergencyReason) headers[HEADER.emergency] = scenario.emergencyReason.header;
  const answer = await suite.transport.send({
    query: ENTITY_QUERY(selectionOf(part.shapes)),
    variables: { representations: [representation] },
    viewer: scenario.viewer,
    purpose: scenario.purpose,
    headers,
  });
  const bases = valid ? scenario.bases : null;
  const decide = (category: Category) => expectedDecision({ viewer: scenario.viewer, purpose: scenario.purpose, owner: suite.options.agency, category, bases });
  const evaluation = evaluate(
    answer,
    { agency: suite.options.agency, viewer: scenario.viewer, purpose: scenario.purpose, decide, assertionId: scenario.tamper?.requirement, reference: scenario.compare === false ? undefined : suite.reference },
    part.shapes,
    ROOT,
  );
  recordEvaluation(suite, scenario.name, evaluation);
  if (answer.status === 200) {
    suite.records.push({
      probe: scenario.name,
      requestId: answer.requestId,
      clientId,
      viewer: scenario.viewer,
      purpose: scenario.purpose,
      conferenceId: scenario.conference ?? null,
      emergencyReason: scenario.emergencyReason?.recorded ?? null,
      granted: evaluation.granted,
      denied: evaluation.denied,
      mayDeny: new Set(CATEGORIES.filter((c) => part.categories.includes(c) && !decide(c).permit)),
      fields: evaluation.released,
    });
  }
  return { answer, evaluation };
}
