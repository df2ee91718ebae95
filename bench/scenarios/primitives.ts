import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PARTNER_AGENCIES } from '../../lib/agencies';
import { createAssertionVerifier, loadAssertionSigner } from '../../lib/auth/assertions';
import { createGatewaySignatureVerifier, createGatewaySigner } from '../../lib/auth/gatewaySignature';
import { ensureKeyPair } from '../../lib/auth/keyFile';
import { ensureDevPairKeys } from '../../lib/auth/pairKeys';
import { createLocalJWKSet } from 'jose';
import { openDisclosureLog } from '../../lib/kit/disclosure/disclosureLog';
import { openSqliteStore } from '../../lib/kit/store/sqlite';
import type { ClientLedger } from '../../lib/policy/access';
import type { ClientBases } from '../../lib/policy/decide';
import type { RequestContext } from '../../lib/viewer';

/** Any partner agency: the steps cost the same for each. */
const AGENCY = PARTNER_AGENCIES[0]!;
const BASES: ClientBases = { consent: ['SAFETY', 'JUSTICE'], conference: null, emergency: false, jointClient: true, protectedContact: false };
const REQUEST = {
  viewer: { sub: 'bench', name: 'Bench', agency: 'fjc', roles: ['CASE_MANAGER'] }, purpose: 'CASE_MANAGEMENT', requestId: 'r', token: 't',
} as unknown as RequestContext;

/** Microseconds of process CPU (the thread pool included) per run, after a warm-up. */
async function cpuMicrosPer(runs: number, work: (i: number) => Promise<unknown> | unknown): Promise<number> {
  for (let i = 0; i < 200; i += 1) await work(runs + i); // warm-up, on inputs of its own
  const before = process.cpuUsage();
  for (let i = 0; i < runs; i += 1) await work(i);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / runs;
}

/** One measured step: what it is, and its CPU per run in µs. */
export type PrimitiveCosts = Record<string, number>;

/**
 * What each step the policy adds to one agency request costs in CPU on this machine, measured
 * alone: the gateway signing a request (Ed25519) or MACing it with the agency's pair key, the
 * agency checking either; the FJC signing a consent assertion or MACing it for every partner,
 * a partner checking either; an agency writing its disclosure record before release (one SQLite
 * transaction, hash-chained). `npx tsx bench/primitives.ts` prints them; `npm run bench` records them.
 */
export async function measurePrimitives(runs = 4000): Promise<PrimitiveCosts> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oneroof-primitives-'));
  const store = openSqliteStore(path.join(dir, `${AGENCY}.sqlite`), []);
  try {
    const { privateJwk, jwks } = await ensureKeyPair(path.join(dir, 'gateway.json'), 'EdDSA');
    const gatewayPairs = ensureDevPairKeys(dir, 'gateway');
    const signer = await createGatewaySigner(privateJwk);
    const macSigner = await createGatewaySigner(privateJwk, { macKeys: gatewayPairs });
    const verifier = createGatewaySignatureVerifier({ keys: jwks, agency: AGENCY, replayCacheSize: runs * 3 });
    const macVerifier = createGatewaySignatureVerifier({ keys: jwks, agency: AGENCY, macKey: gatewayPairs[AGENCY], replayCacheSize: runs * 3 });
    const body = JSON.stringify({ query: 'query($representations:[_Any!]!){_entities(representations:$representations){__typename}}', variables: {} });
    const request = (i: number) => ({ method: 'POST', body, requestId: `r-${i}`, audience: AGENCY });
    const signed = await Promise.all(Array.from({ length: runs + 200 }, (_, i) => signer.sign(request(i))));
    const maced = await Promise.all(Array.from({ length: runs + 200 }, (_, i) => macSigner.sign(request(i))));

    const assertionPairs = ensureDevPairKeys(dir, 'assertion');
    const assertionSigner = await loadAssertionSigner(path.join(dir, 'assertion.json'));
    const assertionMacs = await loadAssertionSigner(path.join(dir, 'assertion.json'), { macKeys: assertionPairs });
    const fjcKeys = createLocalJWKSet(assertionSigner.jwks);
    const checkSigned = createAssertionVerifier(fjcKeys);
    const checkMaced = createAssertionVerifier(fjcKeys, { agency: AGENCY, key: assertionPairs[AGENCY]! });
    const assertion = await assertionSigner.sign(REQUEST, 'FJC-000001', BASES);
    const macedAssertion = await assertionMacs.sign(REQUEST, 'FJC-000001', BASES);

    const log = openDisclosureLog(store.db, AGENCY);
    const ledger = (i: number) => new Map<string, ClientLedger>([[`FJC-${String(i).padStart(6, '0')}`, {
      granted: new Map([['SAFETY', 'CONSENT']]), denied: new Map([['JUSTICE', 'CONSENT_REQUIRED']]), fields: new Set(['PoliceFile.interventions', 'Intervention.kind']),
    } as unknown as ClientLedger]]);
    return {
      'gateway signs one agency request (Ed25519)': await cpuMicrosPer(runs, (i) => signer.sign(request(i))),
      'agency verifies the gateway signature (Ed25519)': await cpuMicrosPer(runs, (i) => verifier.verify({ ...request(i), signature: signed[i] })),
      'gateway MACs one agency request (HS256, pair key)': await cpuMicrosPer(runs, (i) => macSigner.sign(request(i))),
      'agency checks the gateway MAC (HS256, pair key)': await cpuMicrosPer(runs, (i) => macVerifier.verify({ ...request(i), signature: maced[i] })),
      'FJC signs one consent assertion (Ed25519)': await cpuMicrosPer(runs, () => assertionSigner.sign(REQUEST, 'FJC-000001', BASES)),
      'partner verifies a consent assertion (Ed25519)': await cpuMicrosPer(runs, () => checkSigned(assertion, REQUEST, 'FJC-000001')),
      'FJC MACs one consent assertion for every partner (HS256, pair keys)': await cpuMicrosPer(runs, () => assertionMacs.sign(REQUEST, 'FJC-000001', BASES)),
      'partner checks its MAC of a consent assertion (HS256, pair key)': await cpuMicrosPer(runs, () => checkMaced(macedAssertion, REQUEST, 'FJC-000001')),
      'agency writes one disclosure record (SQLite transaction, hash chain)': await cpuMicrosPer(runs, (i) => log.sink(REQUEST, AGENCY, ledger(i))),
    };
  } finally {
    store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
