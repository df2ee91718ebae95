import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { TokenVerifier } from './auth/tokens';
import { purposeRequired, unauthenticated } from './errors';
import { log } from './log';
import { isPurpose, type RequestContext } from './viewer';

/** Header names of CONTRACT.md, lower-cased as Node delivers them. */
export const Headers = {
  authorization: 'authorization',
  purpose: 'x-purpose-of-use',
  conferenceId: 'x-conference-id',
  emergencyReason: 'x-emergency-reason',
  requestId: 'x-request-id',
} as const;

const MIN_EMERGENCY_REASON = 10;
const MAX_HEADER_TEXT = 1000;

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
 * Authenticates one request and reads its purpose of use: the same check in the gateway and in
 * every subgraph, since a subgraph never trusts identity because the gateway passed it on.
 * @throws GraphQLError UNAUTHENTICATED or PURPOSE_REQUIRED.
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
    if (!conferenceId || conferenceId.length > 200) {
      throw purposeRequired('X-Conference-Id is required with purpose SECURITY_CONFERENCE.');
    }
    context.conferenceId = conferenceId;
  }
  if (purpose === 'EMERGENCY') {
    const reason = header(headers, Headers.emergencyReason);
    if (!reason || reason.length < MIN_EMERGENCY_REASON || reason.length > MAX_HEADER_TEXT) {
      throw purposeRequired(
        `X-Emergency-Reason (${MIN_EMERGENCY_REASON} to ${MAX_HEADER_TEXT} characters) is required with purpose EMERGENCY.`,
      );
    }
    context.emergencyReason = reason;
  }
  return context;
}
