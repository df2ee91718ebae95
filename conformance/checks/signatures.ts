import { createHash } from 'node:crypto';
import { SIGNATURE } from '../protocol';
import type { Suite } from '../suite';
import { Transport } from '../transport';
import { describe, expectRefused, HARMLESS } from './requests';

const now = () => Math.floor(Date.now() / 1000);

/** AP-SIG-1 to AP-SIG-5: the gateway's signature over each request, as a subgraph must check it. */
export async function checkSignatures(suite: Suite): Promise<void> {
  const refuse = (id: string, name: string, call: Parameters<typeof expectRefused>[3]) => expectRefused(suite, id, name, call, 401, 'UNAUTHENTICATED');
  if (suite.options.signaturesRequired === false) {
    suite.skip('AP-SIG-1', 'run with --signatures optional: the subgraph is not configured to require signatures (production always does)');
  } else {
    await refuse('AP-SIG-1', 'no signature', { signature: { kind: 'none' } });
  }
  const other = suite.options.agency === 'police' ? 'housing' : 'police';
  await refuse('AP-SIG-2', 'signed with another key under the real kid', { signature: { kind: 'valid', tamper: { foreignKey: true } } });
  await refuse('AP-SIG-2', 'a kid the gateway JWKS does not hold', { signature: { kind: 'valid', tamper: { header: { kid: 'conformance-unknown-key' } } } });
  await refuse('AP-SIG-2', 'alg none', { signature: { kind: 'valid', tamper: { alg: 'none' } } });
  await refuse('AP-SIG-2', 'HS256 with a shared secret', { signature: { kind: 'valid', tamper: { alg: 'HS256' } } });
  await refuse('AP-SIG-2', 'typ JWT instead of oneroof-gateway+jwt', { signature: { kind: 'valid', tamper: { header: { typ: 'JWT' } } } });
  await refuse('AP-SIG-2', 'another issuer', { signature: { kind: 'valid', tamper: { claims: { iss: 'urn:oneroof:fjc' } } } });
  await refuse('AP-SIG-2', `audience ${other}`, { signature: { kind: 'valid', tamper: { claims: { aud: other } } } });
  await refuse('AP-SIG-2', 'a value that is no JWS', { signature: { kind: 'fixed', value: 'not-a-signature' } });

  await refuse('AP-SIG-3', 'another request id', { signature: { kind: 'valid', tamper: { claims: { rid: 'conformance-another-request' } } } });
  await refuse('AP-SIG-3', 'method GET for a POST', { signature: { kind: 'valid', tamper: { claims: { mth: 'GET' } } } });
  const otherBody = createHash('sha256').update(Transport.bodyOf({ query: '{ _service { sdl } }' })).digest('base64url');
  await refuse('AP-SIG-3', 'the hash of another body', { signature: { kind: 'valid', tamper: { claims: { bsh: otherBody } } } });
  await refuse('AP-SIG-3', 'no jti', { signature: { kind: 'valid', tamper: { claims: { jti: undefined } } } });

  await refuse('AP-SIG-4', `${SIGNATURE.maxAgeSeconds + 30} s old`, { signature: { kind: 'valid', tamper: { claims: { iat: now() - SIGNATURE.maxAgeSeconds - 30 } } } });
  await refuse('AP-SIG-4', '60 s ahead', { signature: { kind: 'valid', tamper: { claims: { iat: now() + 60 } } } });

  // The same request, signature and all, sent twice: a captured request replayed.
  const requestId = suite.transport.nextRequestId();
  const first = await suite.transport.send({ query: HARMLESS, viewer: suite.viewers.own, purpose: 'CASE_MANAGEMENT', requestId });
  suite.check('AP-SIG-5', 'a fresh signature is accepted', first.status === 200, describe(first));
  const signature = suite.transport.signatures.get(requestId)!;
  await refuse('AP-SIG-5', 'the same signature on the same request again', { requestId, signature: { kind: 'fixed', value: signature } });
}
