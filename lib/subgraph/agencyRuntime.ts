import type Database from 'better-sqlite3';
import { createLocalJWKSet, createRemoteJWKSet, type JSONWebKeySet } from 'jose';
import type { AgencyId } from '../agencies';
import { auditKeyFile, loadCheckpointSigner, type CheckpointSigner } from '../audit/checkpoint';
import { openDisclosureLog, type DisclosureLog } from '../audit/disclosureLog';
import { createAuditAccessVerifier, loadAuditAccessSigner } from '../audit/auditAccess';
import type { SubgraphAudit } from '../audit/auditResolvers';
import { log } from '../log';
import { createGatewaySignatureVerifier, loadGatewayVerificationKeys } from '../auth/gatewaySignature';
import { createAssertionVerifier, loadAssertionSigner } from '../policy/assertions';
import path from 'node:path';
import type { SubgraphServerOptions } from './createSubgraphServer';

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
}

/** What an agency's subgraph needs beyond its definition and store: trust and audit. */
export interface AgencyRuntime {
  options: Pick<SubgraphServerOptions<unknown>, 'assertionSigner' | 'verifyAssertion' | 'disclosureSink' | 'gatewaySignatures' | 'audit'>;
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
  const { trust, audit } = await trustOf(agency, disclosureLog, settings);
  const gatewaySignatures = {
    verifier: createGatewaySignatureVerifier({ keys: await loadGatewayVerificationKeys(settings), agency }),
    required: settings.production || settings.requireGatewaySignature === true,
  };
  return { options: { ...trust, disclosureSink: disclosureLog.sink, gatewaySignatures, audit }, disclosureLog, auditSigner };
}

/**
 * The FJC signs consent assertions and audit access tokens with one key; every partner agency
 * verifies both with the FJC's published JWKS, fetched once (and cached by jose) for the two.
 */
async function trustOf(agency: AgencyId, disclosureLog: DisclosureLog, settings: AgencyRuntimeSettings): Promise<{ trust: AgencyRuntime['options']; audit: SubgraphAudit }> {
  if (agency === 'fjc') {
    const assertionSigner = await loadAssertionSigner(assertionKeyFile(settings.dataDir));
    const signAccess = await loadAuditAccessSigner(assertionKeyFile(settings.dataDir));
    return { trust: { assertionSigner }, audit: { log: disclosureLog, signAccess, verifyAccess: createAuditAccessVerifier(createLocalJWKSet(assertionSigner.jwks), agency) } };
  }
  const fjcKeys = settings.assertionJwks
    ? createLocalJWKSet(settings.assertionJwks)
    : createRemoteJWKSet(new URL(settings.assertionJwksUrl), { cooldownDuration: 30_000, timeoutDuration: 2_000 });
  return { trust: { verifyAssertion: createAssertionVerifier(fjcKeys) }, audit: { log: disclosureLog, verifyAccess: createAuditAccessVerifier(fjcKeys, agency) } };
}

/** Purges disclosure records past the agency's retention behind a signed checkpoint. */
export async function purgeExpiredDisclosures(runtime: AgencyRuntime): Promise<void> {
  const { purged } = await runtime.disclosureLog.purgeExpired(runtime.auditSigner);
  if (purged > 0) log.info('disclosure records purged past retention', { agency: runtime.disclosureLog.agency, purged });
}
