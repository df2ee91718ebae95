import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { GatewaySignatureVerifier } from '../../auth/gatewaySignature';
import type { SubgraphContext } from '../server/context';
import type { SubgraphExtension } from '../server/extension';
import type { AuditAccessSigner, AuditAccessVerifier } from './auditAccess';
import { auditPlugin } from './auditPlugin';
import { auditResolvers, type SubgraphAudit } from './auditResolvers';
import { auditTypeDefs } from './auditSchema';
import type { DisclosureLog } from './disclosureLog';
import { OUTCOMES_PATH, outcomeRoute } from './outcomeRoute';

export interface DisclosureLogExtensionOptions {
  log: DisclosureLog;
  /** Who may read the log: the agency's auditors, the FJC's, and the client's case manager on the FJC's signed word. */
  verifyAccess: AuditAccessVerifier;
  /** The FJC only: signs who may read a client's records (`DisclosureReport.auditAccess`). */
  signAccess?: AuditAccessSigner;
  /**
   * Whether each request's decisions are written before its response leaves (fail closed: no
   * record, no release); default true. False only in benchmark mode, where nothing is decided.
   */
  record?: boolean;
  /**
   * Checks the gateway's signature on its reports of answers never delivered (`POST /audit/outcomes`):
   * only the gateway may say so. Without it the route is not served.
   */
  gatewayVerifier?: GatewaySignatureVerifier;
}

/** The SDL of the disclosure log, for composition: the same as an instance's. */
export const disclosureLogTypeDefs: Pick<SubgraphExtension, 'typeDefs'> = { typeDefs: auditTypeDefs };

/**
 * The disclosure log as one extension of the subgraph server (docs/disclosure-log.md): its types
 * and fields on the audit entities, the resolvers that serve the log to auditors and to the
 * client's case manager, the log in every request's context (`audit`), the hook that writes
 * each request's decisions to the hash-chained log before the response leaves, and the route where
 * the gateway reports the calls whose answers never reached the viewer (`POST /audit/outcomes`).
 */
export function useDisclosureLog(options: DisclosureLogExtensionOptions): SubgraphExtension {
  const audit: SubgraphAudit = { log: options.log, verifyAccess: options.verifyAccess, signAccess: options.signAccess };
  return {
    name: 'disclosure log',
    typeDefs: auditTypeDefs,
    resolvers: (agency) => auditResolvers(agency) as GraphQLResolverMap<SubgraphContext<unknown>>,
    context: () => ({ audit }),
    ...(options.record === false ? {} : { plugin: auditPlugin(options.log.agency, options.log.record, options.log.sink) as SubgraphExtension['plugin'] }),
    ...(options.gatewayVerifier ? { postRoutes: { [OUTCOMES_PATH]: outcomeRoute(options.log.agency, options.log, options.gatewayVerifier) } } : {}),
  };
}
