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
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const kid = randomUUID();
  const privateJwk = { ...(await exportJWK(privateKey)), kid, alg, use: 'sig' };
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' };
  writeOnce(file, { privateJwk, jwks: { keys: [publicJwk] } });
  return read(file);
}

/**
 * Writes `content` as JSON to `file` (mode 0600) unless it exists: the first of several processes
 * starting at once wins (an atomic link) and the others keep its content.
 */
export function writeOnce(file: string, content: unknown): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(content), { mode: 0o600 });
  try {
    fs.linkSync(tmp, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    fs.unlinkSync(tmp);
  }
}

function read(file: string): KeyPairFile {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as KeyPairFile;
}
