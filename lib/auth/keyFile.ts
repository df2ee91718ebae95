import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, type JSONWebKeySet, type JWK } from 'jose';

/** A signing key pair as kept on disk: the private JWK and the public JWKS to hand out. */
export interface KeyPairFile {
  privateJwk: JWK;
  jwks: JSONWebKeySet;
}

/**
 * Loads a key pair from `file`, generating it on first use. Safe when several processes start at
 * once: the first writer wins (an atomic link) and the others read its keys. Never committed:
 * the file lives in the data dir.
 * @param alg - a JWS algorithm jose can generate, e.g. ES256 or EdDSA.
 */
export async function ensureKeyPair(file: string, alg: string): Promise<KeyPairFile> {
  if (fs.existsSync(file)) return read(file);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const kid = randomUUID();
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg, use: 'sig' };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  const tmp = `${file}.${process.pid}.${kid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify({ privateJwk, jwks: { keys: [publicJwk] } }), { mode: 0o600 });
  try {
    fs.linkSync(tmp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    fs.unlinkSync(tmp);
  }
  return read(file);
}

function read(file: string): KeyPairFile {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as KeyPairFile;
}
