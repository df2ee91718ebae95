import type Database from 'better-sqlite3';
import { createLocalJWKSet, createRemoteJWKSet, type JSONWebKeySet } from 'jose';
import { FJC, type AgencyId } from '../../agencies';
import { auditKeyFile, loadCheckpointSigner, type CheckpointSigner } from '../disclosure/checkpoint';
import { openDisclosureLog, type DisclosureLog } from '../disclosure/disclosureLog';
import { createAuditAccessVerifier, loadAuditAccessSigner } from '../disclosure/auditAccess';
import type { SubgraphAudit } from '../disclosure/auditResolvers';
import { useDisclosureLog } from '../disclosure/extension';
import { log } from '../../log';
import { createGatewaySignatureVerifier, loadGatewayVerificationKeys } from '../../auth/gatewaySignature';
import { loadOwnPairKey, loadPairKeys } from '../../auth/pairKeys';
import { createAssertionVerifier, loadAssertionSigner } from '../../auth/assertions';
import path from 'node:path';
import type { SubgraphServerOptions } from '../server/createSubgraphServer';

/** Where the FJC keeps its consent-assertion signing key. */
export function assertionKeyFile(dataDir: string): string {
  return path.join(dataDir, 'fjc-keys', 'assertion.json');
}

export interface AgencyRuntimeSettings {
  dataDir: string;
  production: boolean;
  /** Refuse unsigned requests even outside production (`ONEROOF_REQUIRE_GATEWAY_SIGNATURE=true`). */
  requireGatewaySignature?: boolean;
  /** The FJC's published assertion keys (partner agencies). */
  assertionJwksUrl: string;
  /**
   * The FJC's public keys themselves, instead of fetching `assertionJwksUrl`: for processes that
   * already hold them (the in-process federation tier of the tests). Default: fetch.
   */
  assertionJwks?: JSONWebKeySet;
  /** Days disclosure records are kept; undefined keeps them all. */
  auditRetentionDays?: number;
  /** Whether each request's decisions are recorded; false only in benchmark mode. Default true. */
  record?: boolean;
  /** Where key files are named (`ONEROOF_GATEWAY_*`, `ONEROOF_ASSERTION_MAC_*`); default `process.env`. */
  env?: NodeJS.ProcessEnv;
}

/** What an agency's subgraph needs beyond its definition and store: trust, and the disclosure log as an extension. */
export interface AgencyRuntime {
  options: Pick<SubgraphServerOptions<unknown>, 'assertionSigner' | 'verifyAssertion' | 'gatewaySignatures' | 'extensions'>;
  disclosureLog: DisclosureLog;
  auditSigner: CheckpointSigner;
}

/**
 * Trust and audit of one agency, the same in `npm start` and in the test stack:
 * - the FJC signs consent assertions with its own key; every partner agency verifies them with the
 *   FJC's published JWKS, fetched (and cached by jose) over HTTP, so an FJC that cannot be reached
 *   leaves only the agency's own records visible;
 * - the gateway signs every request; a subgraph refuses a bad signature always, and a missing one
 *   in production (development may be called directly, as the tests of other routers do);
 * - every agency writes its disclosures to a hash-chained log in its own store, before the data
 *   leaves (no record, no release), and serves that log to auditors and, as far as the FJC's
 *   signed audit access token allows, to the client's case manager.
 * @param db - the agency's open store.
 */
export async function createAgencyRuntime(agency: AgencyId, db: Database.Database, settings: AgencyRuntimeSettings): Promise<AgencyRuntime> {
  const auditSigner = await loadCheckpointSigner(auditKeyFile(settings.dataDir, agency));
  const disclosureLog = openDisclosureLog(db, agency, { checkpointKeys: auditSigner.jwks, retentionDays: settings.auditRetentionDays });
  const { trust, audit } = await trustOf(agency, settings);
  const gatewaySignatures = {
    verifier: createGatewaySignatureVerifier({ keys: await loadGatewayVerificationKeys(settings), agency, macKey: loadOwnPairKey('gateway', agency, settings) }),
    required: settings.production || settings.requireGatewaySignature === true,
  };
  const extensions = [useDisclosureLog({ log: disclosureLog, ...audit, record: settings.record, gatewayVerifier: gatewaySignatures.verifier })];
  return { options: { ...trust, gatewaySignatures, extensions }, disclosureLog, auditSigner };
}

/**
 * The FJC signs consent assertions and audit access tokens with one key; every partner agency
 * verifies both with the FJC's published JWKS, fetched once (and cached by jose) for the two. With
 * pair keys between the FJC and every partner, the FJC MACs the assertions for each partner instead.
 */
async function trustOf(agency: AgencyId, settings: AgencyRuntimeSettings): Promise<{ trust: Pick<AgencyRuntime['options'], 'assertionSigner' | 'verifyAssertion'>; audit: Omit<SubgraphAudit, 'log'> }> {
  if (agency === FJC) {
    const assertionSigner = await loadAssertionSigner(assertionKeyFile(settings.dataDir), { macKeys: loadPairKeys('assertion', settings) });
    const signAccess = await loadAuditAccessSigner(assertionKeyFile(settings.dataDir));
    return { trust: { assertionSigner }, audit: { signAccess, verifyAccess: createAuditAccessVerifier(createLocalJWKSet(assertionSigner.jwks), agency) } };
  }
  const fjcKeys = settings.assertionJwks
    ? createLocalJWKSet(settings.assertionJwks)
    : createRemoteJWKSet(new URL(settings.assertionJwksUrl), { cooldownDuration: 30_000, timeoutDuration: 2_000 });
  const pairKey = loadOwnPairKey('assertion', agency, settings);
  const verifyAssertion = createAssertionVerifier(fjcKeys, pairKey ? { agency, key: pairKey } : undefined);
  return { trust: { verifyAssertion }, audit: { verifyAccess: createAuditAccessVerifier(fjcKeys, agency) } };
}

/** Purges disclosure records past the agency's retention behind a signed checkpoint. */
export async function purgeExpiredDisclosures(runtime: AgencyRuntime): Promise<void> {
  const { purged } = await runtime.disclosureLog.purgeExpired(runtime.auditSigner);
  if (purged > 0) log.info('disclosure records purged past retention', { agency: runtime.disclosureLog.agency, purged });
}
