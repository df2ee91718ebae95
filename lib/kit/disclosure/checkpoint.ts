import fs from 'node:fs';
import path from 'node:path';
import { compactVerify, CompactSign, createLocalJWKSet, importJWK, type JSONWebKeySet, type KeyLike } from 'jose';
import type { AgencyId } from '../../agencies';
import { ensureKeyPair } from '../../auth/keyFile';
import { canonicalJson } from './canonical';

const ALG = 'EdDSA';
const TYP = 'oneroof-audit-checkpoint+json';

/**
 * What a purge signs: the last purged record's sequence number and hash, so the first record left
 * can still be linked to something nobody without the key could have forged.
 */
export interface CheckpointPayload {
  agency: AgencyId;
  /** When the purge ran. */
  time: string;
  throughSeq: number;
  throughHash: string;
  /** The retention cut-off: every purged record is older than this. */
  purgedBefore: string;
  purgedCount: number;
}

/** A stored checkpoint row. */
export interface CheckpointRow {
  id: number;
  time: string;
  through_seq: number;
  through_hash: string;
  purged_before: string;
  purged_count: number;
  jws: string;
}

export interface CheckpointSigner {
  /** Public keys to verify checkpoints with; hand a copy to whoever audits the agency. */
  jwks: JSONWebKeySet;
  sign(payload: CheckpointPayload): Promise<string>;
}

/** Where an agency's checkpoint key lives: `<dataDir>/audit-keys/<agency>.json`. */
export function auditKeyFile(dataDir: string, agency: AgencyId): string {
  return path.join(dataDir, 'audit-keys', `${agency}.json`);
}

/**
 * Loads an agency's Ed25519 checkpoint key, generating it on first use.
 * @param file - see `auditKeyFile`.
 */
export async function loadCheckpointSigner(file: string): Promise<CheckpointSigner> {
  const { privateJwk, jwks } = await ensureKeyPair(file, ALG);
  const key = (await importJWK(privateJwk, ALG)) as KeyLike;
  return {
    jwks,
    sign: (payload) =>
      new CompactSign(new TextEncoder().encode(canonicalJson({ ...payload })))
        .setProtectedHeader({ alg: ALG, kid: privateJwk.kid, typ: TYP })
        .sign(key),
  };
}

/**
 * Reads only the public half of a checkpoint key file, never creating one: a verifier that found
 * no key must say so, not mint a new key that proves nothing.
 */
export function readCheckpointKeys(file: string): JSONWebKeySet | null {
  if (!fs.existsSync(file)) return null;
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { jwks?: JSONWebKeySet };
  return parsed.jwks ?? null;
}

/** Why a checkpoint is not trusted, or `null` when its signature and columns hold. */
export async function checkpointProblem(row: CheckpointRow, agency: AgencyId, keys: JSONWebKeySet | null): Promise<string | null> {
  if (!keys) return 'no public key to verify the checkpoint signature';
  let payload: CheckpointPayload;
  try {
    const verified = await compactVerify(row.jws, createLocalJWKSet(keys), { algorithms: [ALG] });
    if (verified.protectedHeader.typ !== TYP) return 'checkpoint is not an audit checkpoint';
    payload = JSON.parse(new TextDecoder().decode(verified.payload)) as CheckpointPayload;
  } catch {
    return 'checkpoint signature does not verify';
  }
  const matches =
    payload.agency === agency &&
    payload.time === row.time &&
    payload.throughSeq === row.through_seq &&
    payload.throughHash === row.through_hash &&
    payload.purgedBefore === row.purged_before &&
    payload.purgedCount === row.purged_count;
  return matches ? null : 'checkpoint columns differ from what was signed';
}
