import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PARTNER_AGENCIES } from '../lib/agencies';
import { createGatewaySignatureVerifier, createGatewaySigner } from '../lib/auth/gatewaySignature';
import { ensureDevPairKeys } from '../lib/auth/pairKeys';
import { ensureKeyPair } from '../lib/auth/keyFile';
import { openDisclosureLog } from '../lib/kit/disclosure/disclosureLog';
import { openSqliteStore } from '../lib/kit/store/sqlite';
import type { ClientLedger } from '../lib/policy/access';
import type { RequestContext } from '../lib/viewer';

/**
 * What each step the policy adds to one agency request costs in CPU on this machine, measured
 * alone (process CPU time, thread pool included, over many runs):
 *   npx tsx bench/primitives.ts
 * The steps: the gateway signing a request (Ed25519) or MACing it with the agency's pair key
 * (HS256), a subgraph checking that signature or MAC, and a subgraph writing its disclosure record
 * before release (one SQLite transaction, hash-chained). docs/PERFORMANCE.md puts them against the policy's cost.
 */
const RUNS = 4000;
/** Any partner agency: the steps cost the same for each. */
const AGENCY = PARTNER_AGENCIES[0]!;

async function cpuMicrosPer(runs: number, work: (i: number) => Promise<unknown> | unknown): Promise<number> {
  for (let i = 0; i < 200; i += 1) await work(i); // warm-up
  const before = process.cpuUsage();
  for (let i = 0; i < runs; i += 1) await work(i);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / runs;
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oneroof-primitives-'));
  try {
    const { privateJwk, jwks } = await ensureKeyPair(path.join(dir, 'gateway.json'), 'EdDSA');
    const signer = await createGatewaySigner(privateJwk);
    const verifier = createGatewaySignatureVerifier({ keys: jwks, agency: AGENCY, replayCacheSize: RUNS * 2 });
    const body = JSON.stringify({ query: 'query($representations:[_Any!]!){_entities(representations:$representations){__typename}}', variables: {} });
    const signed = await Promise.all(Array.from({ length: RUNS + 200 }, (_, i) => signer.sign({ method: 'POST', body, requestId: `r-${i}`, audience: AGENCY })));
    const macKeys = ensureDevPairKeys(dir, 'gateway');
    const macSigner = await createGatewaySigner(privateJwk, { macKeys });
    const macVerifier = createGatewaySignatureVerifier({ keys: jwks, agency: AGENCY, macKey: macKeys[AGENCY], replayCacheSize: RUNS * 2 });
    const maced = await Promise.all(Array.from({ length: RUNS + 200 }, (_, i) => macSigner.sign({ method: 'POST', body, requestId: `m-${i}`, audience: AGENCY })));

    const store = openSqliteStore(path.join(dir, `${AGENCY}.sqlite`), []);
    const log = openDisclosureLog(store.db, AGENCY);
    const request = {
      viewer: { sub: 'bench', name: 'Bench', agency: 'fjc', roles: ['CASE_MANAGER'] }, purpose: 'CASE_MANAGEMENT', requestId: 'r',
    } as unknown as RequestContext;
    const ledger = (i: number) => new Map<string, ClientLedger>([[`FJC-${String(i).padStart(6, '0')}`, {
      granted: new Map([['SAFETY', 'CONSENT']]), denied: new Map([['JUSTICE', 'CONSENT_REQUIRED']]), fields: new Set(['PoliceFile.interventions', 'Intervention.kind']),
    } as unknown as ClientLedger]]);

    const results = {
      'gateway signs one agency request (Ed25519, node:crypto)': await cpuMicrosPer(RUNS, (i) => signer.sign({ method: 'POST', body, requestId: `s-${i}`, audience: AGENCY })),
      'subgraph verifies the gateway signature (Ed25519, node:crypto, key from jose)': await cpuMicrosPer(RUNS, (i) =>
        verifier.verify({ method: 'POST', body, requestId: `r-${i}`, signature: signed[i] })),
      'gateway MACs one agency request (HS256, pair key)': await cpuMicrosPer(RUNS, (i) => macSigner.sign({ method: 'POST', body, requestId: `t-${i}`, audience: AGENCY })),
      'subgraph checks the gateway MAC (HS256, pair key)': await cpuMicrosPer(RUNS, (i) =>
        macVerifier.verify({ method: 'POST', body, requestId: `m-${i}`, signature: maced[i] })),
      'subgraph writes one disclosure record (SQLite transaction, hash chain)': await cpuMicrosPer(RUNS, (i) => log.sink(request, AGENCY, ledger(i))),
    };
    store.close();
    for (const [step, micros] of Object.entries(results)) process.stdout.write(`${micros.toFixed(0).padStart(6)} µs CPU  ${step}\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
