/**
 * The constants of the OneRoof agency protocol, version 2.0, as docs/agency-protocol.md states them.
 *
 * Written from the protocol text, not imported from the implementation (lib/): the suite is an
 * oracle for any subgraph, OneRoof's own included, so a slip in OneRoof's code must show up as a
 * failed requirement rather than be copied into the expectation.
 */

export const PROTOCOL_VERSION = '2.0';

export const ROLES = ['FRONT_DESK', 'CASE_MANAGER', 'AGENCY_STAFF', 'COORDINATOR', 'AUDITOR'] as const;
export type Role = (typeof ROLES)[number];

export const PURPOSES = ['INTAKE', 'CASE_MANAGEMENT', 'SECURITY_CONFERENCE', 'EMERGENCY', 'STATISTICS', 'AUDIT'] as const;
export type Purpose = (typeof PURPOSES)[number];

export const CATEGORIES = ['IDENTITY', 'CONTACT', 'INVOLVEMENT', 'SAFETY', 'JUSTICE', 'PROGRAM', 'CHILD', 'HOUSING', 'HEALTH'] as const;
export type Category = (typeof CATEGORIES)[number];

/** The agency ids of protocol 1.0 that the suite's viewers come from (an agency under test may be another). */
export const HUB = 'fjc';
/**
 * The partner agencies of the registry at protocol 1.1, for whom the suite, playing their side,
 * holds pair keys with an FJC under test (AP-ASSERT-8). An FJC whose registry has a partner more
 * lacks that one's key, so it signs, and the suite checks the signature instead.
 */
export const PARTNERS = ['police', 'probation', 'perpetrator-programs', 'youth-care', 'housing', 'mental-health', 'public-prosecutor'] as const;
export const PERPETRATOR_SIDE = ['probation', 'perpetrator-programs'] as const;

/** Headers (lower case, as HTTP libraries deliver them). */
export const HEADER = {
  authorization: 'authorization',
  purpose: 'x-purpose-of-use',
  conference: 'x-conference-id',
  emergency: 'x-emergency-reason',
  requestId: 'x-request-id',
  signature: 'x-oneroof-gateway-signature',
} as const;

/** The gateway's request signature (AP-SIG). */
export const SIGNATURE = {
  issuer: 'urn:oneroof:gateway',
  typ: 'oneroof-gateway+jwt',
  maxAgeSeconds: 30,
  maxFutureSeconds: 5,
} as const;

/** The FJC's consent assertion (AP-ASSERT) and audit access token (AP-AUD). */
export const ASSERTION = {
  issuer: 'urn:oneroof:fjc',
  audience: 'urn:oneroof:agencies',
  typ: 'oneroof-assertion+jwt',
  maxAgeSeconds: 60,
} as const;
export const AUDIT_ACCESS = {
  audience: 'urn:oneroof:audit',
  typ: 'oneroof-audit-access+jwt',
  scope: 'disclosures',
} as const;

/** Defaults of a deployment's token limits (AP-TOKEN-5); the suite's options override them. */
export const TOKEN_DEFAULTS = { audience: 'oneroof', maxLifetimeSeconds: 14_400, clockSkewSeconds: 60 } as const;

const ALL: readonly Category[] = CATEGORIES;

/** Role ceilings (docs/authorization.md, Ceilings). */
export const ROLE_CEILING: Readonly<Record<Role, readonly Category[]>> = {
  FRONT_DESK: ['IDENTITY', 'INVOLVEMENT'],
  CASE_MANAGER: ALL,
  AGENCY_STAFF: ALL,
  COORDINATOR: [],
  AUDITOR: [],
};

/** Purpose ceilings. */
export const PURPOSE_CEILING: Readonly<Record<Purpose, readonly Category[]>> = {
  INTAKE: ['IDENTITY', 'INVOLVEMENT'],
  CASE_MANAGEMENT: ALL,
  SECURITY_CONFERENCE: ALL,
  EMERGENCY: ['IDENTITY', 'INVOLVEMENT', 'SAFETY'],
  STATISTICS: [],
  AUDIT: [],
};

/** Categories each basis can open (rules 4, 5, 6). */
export const OPENED_BY = {
  conference: ['INVOLVEMENT', 'SAFETY', 'JUSTICE', 'PROGRAM', 'CHILD', 'HOUSING'] as readonly Category[],
  emergency: ['IDENTITY', 'INVOLVEMENT', 'SAFETY'] as readonly Category[],
  jointClient: ['IDENTITY', 'INVOLVEMENT'] as readonly Category[],
  jointClientPurposes: ['INTAKE', 'CASE_MANAGEMENT'] as readonly Purpose[],
};

/** The legal bases inside a consent assertion (AP-ASSERT-5). */
export interface Bases {
  consent: Category[];
  conference: string | null;
  emergency: boolean;
  jointClient: boolean;
  protectedContact: boolean;
}

export const NO_BASES: Bases = { consent: [], conference: null, emergency: false, jointClient: false, protectedContact: false };

/** A viewer as the suite mints it into a user token. */
export interface Viewer {
  sub: string;
  name: string;
  agency: string;
  roles: Role[];
}

export const isCategory = (value: unknown): value is Category => (CATEGORIES as readonly unknown[]).includes(value);
