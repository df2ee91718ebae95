import type { ReactNode } from 'react';
import type { MessageKey } from '../i18n/en';
import { AuditReportPage } from '../pages/AuditReportPage';
import { CasePage } from '../pages/CasePage';
import { ClientPage } from '../pages/ClientPage';
import { ConferencesPage } from '../pages/ConferencesPage';
import { ConsentsPage } from '../pages/ConsentsPage';
import { FindClientPage } from '../pages/FindClientPage';
import { RegisterClientPage } from '../pages/RegisterClientPage';
import { ReviewQueuePage } from '../pages/ReviewQueuePage';

/**
 * The console's pages. A new page is one entry here (and its messages): its path pattern, its
 * place in the navigation and who sees it there. Whether the viewer may do what a page does is
 * decided by the API, as for any client; `roles` only keeps the navigation relevant.
 */
export interface PageDefinition {
  pattern: string;
  render(params: Record<string, string>): ReactNode;
  nav?: { path: string; label: MessageKey; roles: readonly string[] };
}

const FJC_DESK = ['FRONT_DESK', 'CASE_MANAGER'];

export const PAGES: readonly PageDefinition[] = [
  { pattern: '/find', render: () => <FindClientPage />, nav: { path: '/find', label: 'nav.find', roles: [...FJC_DESK, 'AGENCY_STAFF'] } },
  { pattern: '/register', render: () => <RegisterClientPage />, nav: { path: '/register', label: 'nav.register', roles: FJC_DESK } },
  { pattern: '/conferences', render: () => <ConferencesPage />, nav: { path: '/conferences', label: 'nav.conferences', roles: ['CASE_MANAGER', 'AGENCY_STAFF'] } },
  { pattern: '/review', render: () => <ReviewQueuePage />, nav: { path: '/review', label: 'nav.review', roles: ['AUDITOR'] } },
  { pattern: '/report/:id', render: ({ id }) => <AuditReportPage clientId={id!} /> },
  { pattern: '/clients/:id', render: ({ id }) => <ClientPage clientId={id!} /> },
  { pattern: '/clients/:id/consents', render: ({ id }) => <ConsentsPage clientId={id!} /> },
  { pattern: '/clients/:id/audit', render: ({ id }) => <AuditReportPage clientId={id!} /> },
  { pattern: '/cases/:id', render: ({ id }) => <CasePage caseId={id!} /> },
];

/** Where a viewer starts: the review queue for auditors, finding a client for everyone else. */
export function homeOf(roles: readonly string[]): string {
  return roles.includes('AUDITOR') ? '/review' : '/find';
}
