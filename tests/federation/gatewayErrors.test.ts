import http from 'node:http';
import https from 'node:https';
import { GraphQLError } from 'graphql';
import type { DevTokenClaims } from '../../lib/auth/devIssuer';
import { AGENCIES } from '../../lib/agencies';
import { WITHHELD_MESSAGE } from '../../lib/errors';
import { FIXTURE_CLIENTS } from '../../lib/seed/world';
import { ErrorsWithoutStackTraces } from '../../gateway/dataSource';
import { operationModelStats } from '../../gateway/operationModel';
import { startInProcess, type InProcessFederation } from '../helpers/inProcess';

/**
 * What the gateway does with the agencies' errors and with the world outside, beyond the answer:
 * - Apollo's gateway rebuilds each agency error as a `GraphQLError`; a withheld field is an answer,
 *   one per field, and is rebuilt without the constructor and its stack capture (gateway/dataSource.ts,
 *   `ErrorsWithoutStackTraces`). This fails should Apollo stop rebuilding them the way it does.
 * - no Apollo plugin hooks every field of an agency (cache control is off, lib/http/apolloDefaults.ts);
 * - it calls no one but the agencies: no usage report to Apollo, no probe of a cloud's metadata
 *   endpoint (`APOLLO_TELEMETRY_DISABLED`, gateway/server.ts);
 * - Apollo's executor builds its model of an operation once per parsed document, not per request
 *   (gateway/operationModel.ts). This fails should Apollo stop reading it the way it does.
 */
const HOUSING: DevTokenClaims = { sub: 'housing-errors', agency: 'housing', roles: ['AGENCY_STAFF'] };

describe('the gateway and the errors it passes on', () => {
  let federation: InProcessFederation;
  const outbound: string[] = [];

  beforeAll(async () => {
    for (const module of [http, https]) {
      const original = module.request.bind(module) as (...args: unknown[]) => http.ClientRequest;
      jest.spyOn(module, 'request').mockImplementation(((...args: unknown[]) => {
        const target = args[0];
        outbound.push(typeof target === 'string' || target instanceof URL ? new URL(String(target)).hostname : String((target as http.RequestOptions).hostname ?? (target as http.RequestOptions).host));
        return original(...args);
      }) as typeof http.request);
    }
    federation = await startInProcess({ clients: 20 });
  });
  afterAll(async () => {
    await federation.stop();
    jest.restoreAllMocks();
  });

  it('rebuilds withheld-field errors through the cheap path: no constructor, no stack trace', async () => {
    let captured = 0;
    const capture = Error.captureStackTrace;
    const stacks = jest.spyOn(Error, 'captureStackTrace').mockImplementation((target: object, constructor?: Function) => {
      if (target instanceof GraphQLError && target.message === WITHHELD_MESSAGE) captured += 1;
      capture(target, constructor);
    });
    const rebuilt: unknown[] = [];
    const rebuild = ErrorsWithoutStackTraces.prototype.map;
    const map = jest.spyOn(ErrorsWithoutStackTraces.prototype, 'map').mockImplementation(function (this: ErrorsWithoutStackTraces<unknown>, ...args) {
      const result = rebuild.apply(this, args as Parameters<typeof rebuild>);
      rebuilt.push(...result);
      return result;
    });
    try {
      const { body } = await federation.post(/* GraphQL */ `{ client(id: "${FIXTURE_CLIENTS.knownToAll}") { police { barringOrders { id } interventions { reportNumber } } mentalHealth { involved } } }`, {
        token: await federation.token(HOUSING), purpose: 'CASE_MANAGEMENT',
      });
      expect(body.errors?.filter((error) => error.message === WITHHELD_MESSAGE).length).toBeGreaterThanOrEqual(3);
    } finally {
      map.mockRestore();
      stacks.mockRestore();
    }
    // Apollo's gateway rebuilt each withheld field's error inside our map, as a GraphQLError built
    // without its constructor (no own `name`) and without a stack capture.
    const withheldErrors = rebuilt.filter((error): error is GraphQLError => error instanceof GraphQLError && error.message === WITHHELD_MESSAGE);
    expect(withheldErrors.length).toBeGreaterThanOrEqual(3);
    expect(withheldErrors.every((error) => !Object.getOwnPropertyNames(error).includes('name'))).toBe(true);
    expect(captured).toBe(0);
    expect(new Error('elsewhere').stack).toMatch(/\n\s+at /);
  });

  it('leaves every field of an agency\'s schema as the policy wrapped it: no Apollo hook runs around each field', () => {
    for (const agency of AGENCIES) {
      const instrumented = Object.getOwnPropertySymbols(federation.subgraphs[agency].schema).map((symbol) => symbol.description);
      expect(instrumented).not.toContain('apolloServerPluginsEnabled');
    }
  });

  it('builds the model of an operation once and answers the same from it', async () => {
    const token = await federation.token(HOUSING);
    const query = (id: string) => `query Files($id: ID!) { client(id: $id) { id housing { involved } police { involved } } } # ${id}`;
    const ask = (text: string, id: string) => federation.post(text, { token, purpose: 'CASE_MANAGEMENT', variables: { id } });
    const before = { ...operationModelStats };
    const first = await ask(query('a'), FIXTURE_CLIENTS.knownToAll);
    const again = await ask(query('a'), FIXTURE_CLIENTS.knownToAll);
    expect(again.body).toEqual(first.body);
    expect(first.body.data?.client).toMatchObject({ id: FIXTURE_CLIENTS.knownToAll });
    // A second request of the same text reuses the model; a new text (another document) builds its own.
    expect(operationModelStats.built - before.built).toBe(1);
    expect(operationModelStats.reused - before.reused).toBeGreaterThanOrEqual(1);
    const other = await ask(query('b'), FIXTURE_CLIENTS.knownToAll);
    expect(other.body).toEqual(first.body);
    expect(operationModelStats.built - before.built).toBe(2);
  });

  it('calls nobody outside: no telemetry to Apollo, no cloud metadata probe', async () => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Loopback is this machine: a test file that ran before this one in the same worker may still
    // have a request to its own servers on a timer (a delivery report's retry).
    expect(outbound.filter((host) => !['127.0.0.1', 'localhost', '::1', '[::1]'].includes(host))).toEqual([]);
  });
});
