import { createSecretKey, randomBytes } from 'node:crypto';
import { createPairMacSigner } from '../../lib/auth/compactSigner';
import { macVerifiedClaims } from '../../conformance/checks/hub';

const secret = () => randomBytes(32).toString('base64url');
const CLAIMS = { iss: 'urn:oneroof:fjc', aud: 'urn:oneroof:agencies', cid: 'FJC-000002' };

describe("the suite's check of an FJC's MACed assertion (AP-FJC-2)", () => {
  const suiteKeys = { police: secret(), probation: secret() };
  const mac = (keys: Record<string, string>) =>
    createPairMacSigner(new Map(Object.entries(keys).map(([agency, key]) => [agency, createSecretKey(Buffer.from(key, 'base64url'))])))({ typ: 'oneroof-assertion+jwt' }, CLAIMS);

  it('reads the claims of an assertion MACed with the pair keys the suite gave the FJC', () => {
    expect(macVerifiedClaims(mac(suiteKeys), suiteKeys)).toEqual(CLAIMS);
  });

  it('fails an assertion MACed with other keys, for partners it holds no key of, or with its MACs cut', () => {
    expect(() => macVerifiedClaims(mac({ police: secret(), probation: suiteKeys.probation }), suiteKeys)).toThrow(/does not verify/);
    expect(() => macVerifiedClaims(mac({ housing: secret() }), suiteKeys)).toThrow(/none of whom the suite holds a pair key of/);
    const [h, p, s] = mac(suiteKeys).split('.');
    expect(() => macVerifiedClaims(`${h}.${p}.${Buffer.from(s, 'base64url').subarray(0, 32).toString('base64url')}`, suiteKeys)).toThrow(/does not verify/);
  });
});
