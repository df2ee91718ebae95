import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { TokenVerifier } from './auth/tokens';
import { parseConferenceId, parseEmergencyReason } from './basisHeaders';
import { purposeRequired, unauthenticated } from './errors';
import { log } from './log';
import { isPurpose, type RequestContext } from './viewer';

/** Header names (docs/interface.md, Headers), lower-cased as Node delivers them. */
export const Headers = {
  authorization: 'authorization',
  purpose: 'x-purpose-of-use',
  conferenceId: 'x-conference-id',
  emergencyReason: 'x-emergency-reason',
  requestId: 'x-request-id',
} as const;


function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined ? undefined : text.trim();
}

/** A caller's `X-Request-Id` when it is a sane token, otherwise a fresh UUID. */
export function requestIdFrom(headers: IncomingHttpHeaders): string {
  const given = header(headers, Headers.requestId);
  return given && /^[A-Za-z0-9._:-]{1,128}$/.test(given) ? given : randomUUID();
}

/**
 * Authenticates one request and reads its purpose of use and the basis it claims: the same check
 * in the gateway and in every subgraph, since a subgraph never trusts identity because the gateway
 * passed it on. A claimed basis is read strictly (lib/basisHeaders.ts); whether a conference is open
 * and the viewer takes part is the FJC's to say, asked before planning.
 * @throws GraphQLError UNAUTHENTICATED, PURPOSE_REQUIRED (no purpose, or its companion header
 *   missing) or INVALID_BASIS (a companion header that is not valid).
 */
export async function authenticate(
  headers: IncomingHttpHeaders,
  verify: TokenVerifier,
  requestId: string,
): Promise<RequestContext> {
  const match = /^Bearer ([A-Za-z0-9._~+/=-]+)$/.exec(header(headers, Headers.authorization) ?? '');
  if (!match) throw unauthenticated();
  const token = match[1];
  let viewer;
  try {
    viewer = await verify(token);
  } catch (error) {
    log.info('token refused', { requestId, reason: (error as Error).message });
    throw unauthenticated();
  }
  const purpose = header(headers, Headers.purpose);
  if (!purpose) throw purposeRequired('X-Purpose-Of-Use is required on every operation.');
  if (!isPurpose(purpose)) throw purposeRequired('X-Purpose-Of-Use is not a known purpose of use.');
  const context: RequestContext = { viewer, purpose, requestId, token };
  if (purpose === 'SECURITY_CONFERENCE') {
    const conferenceId = header(headers, Headers.conferenceId);
    if (!conferenceId) throw purposeRequired('X-Conference-Id is required with purpose SECURITY_CONFERENCE.');
    context.conferenceId = parseConferenceId(conferenceId);
  }
  if (purpose === 'EMERGENCY') {
    const reason = header(headers, Headers.emergencyReason);
    if (!reason) throw purposeRequired('X-Emergency-Reason is required with purpose EMERGENCY.');
    context.emergencyReason = parseEmergencyReason(reason);
  }
  return context;
}
