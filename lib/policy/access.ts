import DataLoader from 'dataloader';
import { BATCH_OPTIONS } from '../batching';
import type { AssertionSigner, AssertionVerifier } from '../auth/assertions';
import type { Basis, ClientBases, Decision, DenyCode } from './decide';
import type { Category, RequestContext } from '../viewer';

/** Finds the legal bases of a batch of clients from the FJC's own registry (the FJC subgraph only). */
export type BasesSource = (clientIds: readonly string[]) => ClientBases[];

/** What one request decided about one client: the ledger a disclosure log is written from. */
export interface ClientLedger {
  granted: Map<Category, Basis>;
  denied: Map<Category, DenyCode>;
  /** Released fields as `Type.field`. */
  fields: Set<string>;
}

/**
 * Per-request access state of a subgraph: the legal bases known for each client of this request
 * (from a verified assertion, or the FJC's own registry) and the decisions already taken. Lives
 * for one request only, so a revoked consent never outlives the request that saw it.
 */
export interface AccessControl {
  /** Bases by client id; `null`: no valid assertion, only the agency's own records can be shown. */
  readonly bases: Map<string, ClientBases | null>;
  /** Decisions by client id (`''`: values reached without a client), then category: each taken once per request. */
  readonly decisions: Map<string, Map<Category, Decision>>;
  /** Verifies the assertion that came with a client's representation and remembers the result. */
  admit(clientId: string, assertion: unknown): Promise<ClientBases | null>;
  /** The bases of a client: remembered, loaded from the FJC registry, or `null`. */
  basesOf(clientId: string): Promise<ClientBases | null>;
  /** The FJC's signer, to mint assertions (the FJC subgraph only). */
  readonly signer: AssertionSigner | null;
  /** Decisions of this request by client id (`''`: values reached without a client). */
  readonly ledger: Map<string, ClientLedger>;
  /** Notes one field's decision in the ledger. */
  note(clientId: string | undefined, field: string, category: Category, decision: Decision): void;
  /**
   * Notes that a client's disclosure records were released to another agency's viewer (an audit
   * read across agencies): a record of its own in the log, naming `field` and no category.
   */
  noteAuditRead(clientId: string | null, field: string): void;
}

export interface AccessControlOptions {
  verifyAssertion: AssertionVerifier | null;
  basesSource: BasesSource | null;
  signer: AssertionSigner | null;
}

export function createAccessControl(request: RequestContext, options: AccessControlOptions): AccessControl {
  const bases = new Map<string, ClientBases | null>();
  const loader = options.basesSource
    ? new DataLoader<string, ClientBases>((ids) => Promise.resolve(options.basesSource!(ids)), BATCH_OPTIONS)
    : null;
  const ledger = new Map<string, ClientLedger>();
  const entryOf = (clientId: string | null | undefined): ClientLedger => {
    const key = clientId ?? '';
    let entry = ledger.get(key);
    if (!entry) {
      entry = { granted: new Map(), denied: new Map(), fields: new Set() };
      ledger.set(key, entry);
    }
    return entry;
  };
  return {
    bases,
    decisions: new Map(),
    signer: options.signer,
    ledger,
    note: (clientId, field, category, decision) => {
      const entry = entryOf(clientId);
      if (decision.permit) {
        entry.granted.set(category, decision.basis);
        entry.fields.add(field);
      } else {
        entry.denied.set(category, decision.code);
      }
    },
    noteAuditRead: (clientId, field) => {
      entryOf(clientId).fields.add(field);
    },
    admit: async (clientId, assertion) => {
      const verified = options.verifyAssertion ? await options.verifyAssertion(assertion, request, clientId) : null;
      bases.set(clientId, verified);
      return verified;
    },
    basesOf: async (clientId) => {
      if (bases.has(clientId)) return bases.get(clientId) ?? null;
      const loaded = loader ? await loader.load(clientId) : null;
      bases.set(clientId, loaded);
      return loaded;
    },
  };
}
