import { AGENCIES, FILE_FIELDS, AGENCY_NAMES, isAgencyId, type AgencyId } from '../lib/agencies';
import { CONFERENCE_ID } from '../lib/basisHeaders';

/** The part of a `Disclosure` the printable report uses: nothing that names staff. */
export interface PrintedDisclosure {
  agency: string;
  time: string;
  purpose: string;
  viewerAgency: string;
  viewerRoles: string[];
  bases: { category: string; basis: string }[];
  conferenceId: string | null;
  reviewRequired: boolean;
  /** `false`: the answer never reached the viewer (they did not see it). */
  delivered: boolean;
}

/** One agency's list, or why it is missing. */
export type AgencySection = { agency: AgencyId; disclosures: PrintedDisclosure[] } | { agency: AgencyId; missing: string };

const PURPOSES: Record<string, string> = {
  INTAKE: 'intake',
  CASE_MANAGEMENT: 'case management',
  SECURITY_CONFERENCE: 'a security conference',
  EMERGENCY: 'an emergency',
  STATISTICS: 'statistics',
  AUDIT: 'an audit',
};

const BASES: Record<string, string> = {
  OWN_RECORD: "the agency's own record",
  CONSENT: 'your consent',
  CASE_CONFERENCE: 'a security conference (art. 458ter Criminal Code)',
  EMERGENCY: 'serious and imminent danger (art. 458bis Criminal Code), to be reviewed',
  JOINT_CLIENT: 'you are a client of both agencies',
};

const CATEGORIES: Record<string, string> = {
  IDENTITY: 'identity',
  CONTACT: 'contact details',
  INVOLVEMENT: 'that the agency knows you',
  SAFETY: 'safety and risk',
  JUSTICE: 'justice records',
  PROGRAM: 'programme participation',
  CHILD: 'child protection',
  HOUSING: 'housing',
  HEALTH: 'health care',
};

const nameOf = (agency: string) => (isAgencyId(agency) ? AGENCY_NAMES[agency] : agency);
const roleOf = (role: string) => role.toLowerCase().replace(/_/g, ' ');

function line(disclosure: PrintedDisclosure): string[] {
  const when = `${disclosure.time.slice(0, 19).replace('T', ' ')} UTC`;
  const who = `${nameOf(disclosure.viewerAgency)} (${disclosure.viewerRoles.map(roleOf).join(', ')})`;
  const why = PURPOSES[disclosure.purpose] ?? disclosure.purpose;
  const lines = [`  ${when}: shown to ${who}, for ${why}`];
  for (const { category, basis } of disclosure.bases) {
    lines.push(`      - ${CATEGORIES[category] ?? category}: on the basis of ${BASES[basis] ?? basis}`);
  }
  // Only a conference that was the legal basis of what was shown, and only a well-formed id: the
  // report prints nothing a caller wrote that the policy did not check.
  const conference = disclosure.conferenceId;
  if (conference && CONFERENCE_ID.test(conference) && disclosure.bases.some((b) => b.basis === 'CASE_CONFERENCE')) {
    lines.push(`      security conference ${conference}`);
  }
  if (!disclosure.delivered) lines.push('      NEVER DELIVERED: the agency released this, but the answer did not reach them.');
  return lines;
}

/**
 * The subject access report as plain text, for the client: from each agency's own log, what was
 * shown to whom (agency and role), when, why and on which basis, and which of those answers never
 * reached the viewer. Staff are never named, refusals are left out (nothing was disclosed), and an
 * agency that could not answer is said to be missing, so an incomplete report never reads as a
 * complete one.
 */
export function renderDisclosureReport(clientId: string, sections: AgencySection[], producedAt: Date): string {
  const out = [
    'DISCLOSURE REPORT',
    `Client: ${clientId}`,
    `Produced: ${producedAt.toISOString().slice(0, 19).replace('T', ' ')} UTC`,
    '',
    'Each agency of the Family Justice Center keeps its own log of every time it showed your data',
    'to someone. This report lists those records, agency by agency, oldest first.',
  ];
  let incomplete = false;
  for (const section of sections) {
    out.push('', AGENCY_NAMES[section.agency]);
    if ('missing' in section) {
      incomplete = true;
      out.push(`  NOT INCLUDED: ${section.missing}`);
      continue;
    }
    const shown = section.disclosures.filter((d) => d.bases.length > 0);
    if (shown.length === 0) out.push('  Nothing was shown.');
    for (const disclosure of shown) out.push(...line(disclosure));
  }
  out.push('', incomplete ? 'This report is INCOMPLETE: ask again later for the agencies marked NOT INCLUDED.' : 'End of report.');
  return `${out.join('\n')}\n`;
}

/** The report's GraphQL operation: every agency's list, only the fields the printed report shows. */
export const REPORT_QUERY = /* GraphQL */ `
query DisclosureReport($clientId: ID!) {
  disclosureReport(clientId: $clientId) {
    ${AGENCIES.map((agency) => `${FILE_FIELDS[agency]} { ...Printed }`).join('\n    ')}
  }
}
fragment Printed on Disclosure {
  agency time purpose viewerAgency viewerRoles bases { category basis } conferenceId reviewRequired delivered
}`;
