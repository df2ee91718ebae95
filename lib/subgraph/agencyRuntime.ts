import type Database from 'better-sqlite3';
import { createRemoteJWKSet } from 'jose';
import type { AgencyId } from '../agencies';
import { auditKeyFile, loadCheckpointSigner, type CheckpointSigner } from '../audit/checkpoint';
import { openDisclosureLog, type DisclosureLog } from '../audit/disclosureLog';
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
  /** Days disclosure records are kept; undefined keeps them all. */
  auditRetentionDays?: number;
}

/** What an agency's subgraph needs beyond its definition and store: trust and audit. */
export interface AgencyRuntime {
  options: Pick<SubgraphServerOptions<unknown>, 'assertionSigner' | 'verifyAssertion' | 'disclosureSink' | 'gatewaySignatures'>;
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
 *   leaves (no record, no release).
 * @param db - the agency's open store.
 */
export async function createAgencyRuntime(agency: AgencyId, db: Database.Database, settings: AgencyRuntimeSettings): Promise<AgencyRuntime> {
  const auditSigner = await loadCheckpointSigner(auditKeyFile(settings.dataDir, agency));
  const disclosureLog = openDisclosureLog(db, agency, { checkpointKeys: auditSigner.jwks, retentionDays: settings.auditRetentionDays });
  const trust: AgencyRuntime['options'] =
    agency === 'fjc'
      ? { assertionSigner: await loadAssertionSigner(assertionKeyFile(settings.dataDir)) }
      : { verifyAssertion: createAssertionVerifier(createRemoteJWKSet(new URL(settings.assertionJwksUrl), { cooldownDuration: 30_000, timeoutDuration: 2_000 })) };
  const gatewaySignatures = {
    verifier: createGatewaySignatureVerifier({ keys: await loadGatewayVerificationKeys(settings), agency }),
    required: settings.production || settings.requireGatewaySignature === true,
  };
  return { options: { ...trust, disclosureSink: disclosureLog.sink, gatewaySignatures }, disclosureLog, auditSigner };
}

/** Purges disclosure records past the agency's retention behind a signed checkpoint. */
export async function purgeExpiredDisclosures(runtime: AgencyRuntime): Promise<void> {
  const { purged } = await runtime.disclosureLog.purgeExpired(runtime.auditSigner);
  if (purged > 0) log.info('disclosure records purged past retention', { agency: runtime.disclosureLog.agency, purged });
}
