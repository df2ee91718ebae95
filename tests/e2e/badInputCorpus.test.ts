import { AGENCIES } from '../../lib/agencies';
import { HTTP_CASES } from '../corpus/httpRequests';
import { IDENTITY_CASES } from '../corpus/identity';
import { INPUT_CASES } from '../corpus/inputs';
import { QUERY_CASES } from '../corpus/queries';
import type { CorpusCase, CorpusRequest, TokenName } from '../corpus/types';
import { corpusTokens } from '../helpers/forgedTokens';
import { rawRequest } from '../helpers/rawHttp';
import { startStack, type TestStack } from '../helpers/stack';

const CORPUS: CorpusCase[] = [...HTTP_CASES, ...QUERY_CASES, ...INPUT_CASES, ...IDENTITY_CASES];
const DISCLOSURE_LOG = 'disclosure_log';

type Counts = Record<string, number>;

/** Rows per table of every agency's stores (its data, and OneRoof's own for it), `agency.table`. */
function storeCounts(stack: TestStack): Counts {
  const counts: Counts = {};
  for (const agency of AGENCIES) {
    for (const { db } of [stack.subgraphs[agency].store, stack.subgraphs[agency].oneroof.sqlite]) {
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'schema_migrations'").all() as { name: string }[];
      for (const { name } of tables) counts[`${agency}.${name}`] = (db.prepare(`SELECT COUNT(*) AS n FROM "${name}"`).get() as { n: number }).n;
    }
  }
  return counts;
}

const split = (counts: Counts, log: boolean) => Object.fromEntries(Object.entries(counts).filter(([key]) => key.endsWith(`.${DISCLOSURE_LOG}`) === log));
const subgraphRequests = (stack: TestStack) => AGENCIES.map((agency) => stack.subgraphs[agency].requests);

function headersOf(request: CorpusRequest, tokens: Record<TokenName, string>): Record<string, string> {
  const method = request.method ?? 'POST';
  const headers: Record<string, string> = method === 'POST' ? { 'content-type': 'application/json' } : {};
  const auth = request.auth === undefined ? 'caseManager' : request.auth;
  if (typeof auth === 'string') headers.authorization = `Bearer ${tokens[auth]}`;
  else if (typeof auth === 'function') headers.authorization = auth(tokens);
  const purpose = request.purpose === undefined ? 'CASE_MANAGEMENT' : request.purpose;
  if (purpose !== null) headers['x-purpose-of-use'] = purpose;
  Object.assign(headers, request.headers);
  // An empty value means "leave the header out" (no content type at all).
  return Object.fromEntries(Object.entries(headers).filter(([name, value]) => value !== '' || name === 'authorization'));
}

function send(stack: TestStack, request: CorpusRequest, tokens: Record<TokenName, string>) {
  return rawRequest(stack.gatewayUrl, {
    method: request.method ?? 'POST',
    path: request.path ?? '/graphql',
    headers: headersOf(request, tokens),
    body: request.json !== undefined ? JSON.stringify(request.json) : request.body,
    chunked: request.chunked,
  });
}

interface Body {
  data?: unknown;
  errors?: { message: string; extensions?: { code?: string } }[];
}

describe('the bad-input corpus against one running gateway', () => {
  let stack: TestStack;
  let tokens: Record<TokenName, string>;
  let health: string;

  beforeAll(async () => {
    stack = await startStack({ clients: 40 });
    tokens = await corpusTokens(stack.dataDir);
    health = stack.gatewayUrl.replace(/graphql$/, 'health');
  });
  afterAll(() => stack.stop());

  it('holds at least 200 cases, each named once', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(200);
    expect(new Set(CORPUS.map((c) => c.name)).size).toBe(CORPUS.length);
  });

  it.each(CORPUS.map((c) => [c.name, c] as const))('%s', async (_name, corpusCase) => {
    const before = storeCounts(stack);
    const requestsBefore = subgraphRequests(stack);
    const response = await send(stack, corpusCase.request, tokens);

    const body = JSON.parse(response.text) as Body;
    expect({ status: response.status, code: body.errors?.[0]?.extensions?.code ?? null }).toEqual(corpusCase.expect);
    if (corpusCase.expect.code === null) expect(body.errors).toBeUndefined();
    // Refusals are generic: no stack trace, no internal message.
    expect(response.text).not.toMatch(/stacktrace|\bat \S+ \(|Internal server error|node_modules/i);

    // The process stays up and keeps answering.
    expect((await fetch(health)).status).toBe(200);

    // No store changed; an answered request may only add to the disclosure logs what it released.
    const after = storeCounts(stack);
    expect(split(after, false)).toEqual(split(before, false));
    if (response.status === 200) {
      for (const [table, rows] of Object.entries(split(after, true))) expect(rows).toBeGreaterThanOrEqual(before[table]);
    } else {
      // Refused before planning: no agency was asked anything, nothing was disclosed.
      expect(split(after, true)).toEqual(split(before, true));
      expect(subgraphRequests(stack)).toEqual(requestsBefore);
    }
  });
});
