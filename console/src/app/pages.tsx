import { lazy, Suspense, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import { CLIENT_WORK, FJC_DESK } from './roles';
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

/** The dashboard and its charting library load only when a coordinator opens it: their own chunk. */
const DashboardPage = lazy(() => import('../statistics/DashboardPage'));

function Lazy({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  return <Suspense fallback={<p role="status">{t('common.loading')}</p>}>{children}</Suspense>;
}

export const PAGES: readonly PageDefinition[] = [
  { pattern: '/find', render: () => <FindClientPage />, nav: { path: '/find', label: 'nav.find', roles: CLIENT_WORK } },
  { pattern: '/register', render: () => <RegisterClientPage />, nav: { path: '/register', label: 'nav.register', roles: FJC_DESK } },
  { pattern: '/conferences', render: () => <ConferencesPage />, nav: { path: '/conferences', label: 'nav.conferences', roles: ['CASE_MANAGER', 'AGENCY_STAFF'] } },
  { pattern: '/statistics', render: () => <Lazy><DashboardPage /></Lazy>, nav: { path: '/statistics', label: 'nav.statistics', roles: ['COORDINATOR'] } },
  { pattern: '/review', render: () => <ReviewQueuePage />, nav: { path: '/review', label: 'nav.review', roles: ['AUDITOR'] } },
  { pattern: '/report/:id', render: ({ id }) => <AuditReportPage clientId={id!} /> },
  { pattern: '/clients/:id', render: ({ id }) => <ClientPage clientId={id!} /> },
  { pattern: '/clients/:id/consents', render: ({ id }) => <ConsentsPage clientId={id!} /> },
  { pattern: '/clients/:id/audit', render: ({ id }) => <AuditReportPage clientId={id!} /> },
  { pattern: '/cases/:id', render: ({ id }) => <CasePage caseId={id!} /> },
];

