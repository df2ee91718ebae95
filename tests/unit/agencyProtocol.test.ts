import fs from 'node:fs';
import path from 'node:path';
import { PROTOCOL_VERSION } from '../../conformance/protocol';
import { REQUIREMENTS } from '../../conformance/requirements';

const DOC = fs.readFileSync(path.join(__dirname, '..', '..', 'docs', 'agency-protocol.md'), 'utf8');

describe('docs/agency-protocol.md and the conformance suite', () => {
  it('define the same requirements, each once, with the same level and whether the suite checks it', () => {
    const defined = [...DOC.matchAll(/\*\*(AP-[A-Z]+-\d+)\*\* \((MUST|SHOULD|MAY)(, declared)?\)/g)].map((m) => `${m[1]} ${m[2]}${m[3] ? ' declared' : ''}`);
    expect(defined).toEqual(REQUIREMENTS.map((r) => `${r.id} ${r.level}${r.checked ? '' : ' declared'}`));
  });

  it('refer to no requirement the suite does not know', () => {
    const known = new Set(REQUIREMENTS.map((r) => r.id));
    const mentioned = new Set([...DOC.matchAll(/AP-[A-Z]+-\d+/g)].map((m) => m[0]));
    expect([...mentioned].filter((id) => !known.has(id))).toEqual([]);
  });

  it('give the version the suite reports against, with a changelog entry for it', () => {
    expect(DOC.startsWith(`# OneRoof agency protocol, version ${PROTOCOL_VERSION}\n`)).toBe(true);
    expect(DOC).toContain(`## Changelog\n\n- **${PROTOCOL_VERSION}**`);
  });
});
