import { HEADER } from '../protocol';
import type { Suite } from '../suite';
import { describe, expectRefused, HARMLESS } from './requests';

/** What the emergency scenario sends (RFC 8187, with characters the subgraph must clean) and must record. */
export const EMERGENCY_REASON = {
  header: `UTF-8''${encodeURIComponent('  Dreiging\u200B met een mes \u2014\u0007 caf\u00e9  ').replace(/'/g, '%27')}`,
  recorded: 'Dreiging met een mes \u2014 caf\u00e9',
};

const namesHeader = (name: string) => (answer: { body: { errors?: { extensions?: Record<string, unknown> }[] } | null }) => answer.body?.errors?.[0]?.extensions?.header === name;

/** AP-HTTP-1 to AP-HTTP-3 and AP-CTX-1 to AP-CTX-3: the request around the operation. */
export async function checkRequestContext(suite: Suite): Promise<void> {
  const ok = await suite.transport.send({ query: HARMLESS, viewer: suite.viewers.own, purpose: 'CASE_MANAGEMENT' });
  suite.check('AP-HTTP-1', 'a valid request is answered 200 with JSON data', ok.status === 200 && ok.body?.data?.__typename === 'Query', describe(ok));
  suite.check('AP-HTTP-2', 'the X-Request-Id sent is echoed', ok.headers.get(HEADER.requestId) === ok.requestId, `echoed ${String(ok.headers.get(HEADER.requestId))} for ${ok.requestId}`);
  const health = await suite.transport.get('health');
  const status = (health.body as { status?: unknown } | null)?.status;
  suite.check('AP-HTTP-3', 'GET /health without token or signature: 200 {"status":"ok"}', health.status === 200 && status === 'ok', `HTTP ${health.status} ${JSON.stringify(health.body)}`);

  await expectRefused(suite, 'AP-CTX-1', 'no X-Purpose-Of-Use', { purpose: null }, 400, 'PURPOSE_REQUIRED');
  await expectRefused(suite, 'AP-CTX-1', 'an unknown purpose', { purpose: 'CURIOSITY' }, 400, 'PURPOSE_REQUIRED');

  await expectRefused(suite, 'AP-CTX-2', 'SECURITY_CONFERENCE without X-Conference-Id', { purpose: 'SECURITY_CONFERENCE' }, 400, 'PURPOSE_REQUIRED');
  for (const value of ['CONF-12', 'CONF-000001,CONF-000002', 'conf-000001']) {
    await expectRefused(suite, 'AP-CTX-2', `X-Conference-Id ${value}`, { purpose: 'SECURITY_CONFERENCE', headers: { [HEADER.conference]: value } }, 400, 'INVALID_BASIS', namesHeader('X-Conference-Id'));
  }

  await expectRefused(suite, 'AP-CTX-3', 'EMERGENCY without X-Emergency-Reason', { purpose: 'EMERGENCY' }, 400, 'PURPOSE_REQUIRED');
  const reasons: [string, string][] = [
    ['nine characters', 'too short'],
    ['nine characters once cleaned', `UTF-8''${encodeURIComponent('too\u200B\u200B short\u0007')}`],
    ['1001 characters', 'x'.repeat(1001)],
    ['percent-encoded bytes that are not UTF-8', "UTF-8''%FF%FEnot%20utf-8%20at%20all"],
  ];
  for (const [name, value] of reasons) {
    await expectRefused(suite, 'AP-CTX-3', `X-Emergency-Reason of ${name}`, { purpose: 'EMERGENCY', headers: { [HEADER.emergency]: value } }, 400, 'INVALID_BASIS', namesHeader('X-Emergency-Reason'));
  }
  const accepted = await suite.transport.send({ query: HARMLESS, viewer: suite.viewers.own, purpose: 'EMERGENCY', headers: { [HEADER.emergency]: EMERGENCY_REASON.header } });
  suite.check('AP-CTX-3', "an RFC 8187 reason (UTF-8'' and percent-encoded bytes) is accepted", accepted.status === 200, describe(accepted));
}
