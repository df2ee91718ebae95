import type { ConformanceSetup } from './keys';
import { Minter } from './mint';
import { HUB, PERPETRATOR_SIDE, type Category, type Purpose, type Role, type Viewer } from './protocol';
import type { FieldShape, SdlModel } from './sdl';
import { Transport } from './transport';

/** What one run checks, against which subgraph, with which test data. */
export interface SuiteOptions {
  /** The subgraph's GraphQL endpoint. */
  url: string;
  /** The agency id the subgraph serves (the audience of the gateway's signatures). */
  agency: string;
  /** A client the agency knows; default FJC-000002, known to every agency in OneRoof's seeded data. */
  client?: string;
  /** A client id never registered; default FJC-000000. */
  stranger?: string;
  /**
   * Clients whose files may hold contact data (a victim's shelter, a child's placement), tried for
   * AP-POL-3 when the known client's file holds none; default FJC-000001 and FJC-000003, the victim
   * and a child of the first family in OneRoof's seeded data.
   */
  contactClients?: string[];
  /** Whether the subgraph is configured to refuse unsigned requests; default true (AP-SIG-1). */
  signaturesRequired?: boolean;
  /** The deployment's ONEROOF_TOKEN_MAX_LIFETIME_SECONDS; default 14400. */
  maxLifetimeSeconds?: number;
  /** The deployment's ONEROOF_TOKEN_CLOCK_SKEW_SECONDS; default 60. */
  clockSkewSeconds?: number;
  /** The reference subgraphs' SDL by agency, to compose with; default OneRoof's own (conformance/references.ts). */
  references?: Record<string, string>;
}

export type ProbeStatus = 'pass' | 'fail';

export interface Probe {
  name: string;
  status: ProbeStatus;
  detail?: string;
}

/** One disclosure record the subgraph must have written (AP-AUD-1, AP-AUD-2). */
export interface ExpectedRecord {
  probe: string;
  requestId: string;
  clientId: string;
  viewer: Viewer;
  purpose: Purpose;
  conferenceId: string | null;
  emergencyReason: string | null;
  granted: Map<Category, string>;
  /** Categories whose refusal the answer showed: each must be in the record. */
  denied: Map<Category, string>;
  /** Categories the record may list as refused besides (null propagation can hide an error). */
  mayDeny: Set<Category>;
  fields: Set<string>;
}

/** The agency's part of `Client`, read from its SDL. */
export interface ClientPart {
  /** The fields the suite selects, relative to the `Client` entity. */
  shapes: FieldShape[];
  /** Partner: the file field; hub: null. */
  fileField: string | null;
  /** Every category the selection carries. */
  categories: Category[];
  /** The category of the file's `involved` (partner). */
  involvedCategory: Category | null;
}

export interface Viewers {
  own: Viewer;
  ownAuditor: Viewer;
  ownCaseManager: Viewer;
  caseManager: Viewer;
  frontDesk: Viewer;
  coordinator: Viewer;
  fjcAuditor: Viewer;
  otherAuditor: Viewer;
  perpetratorSide: Viewer;
}

const viewer = (agency: string, role: Role, who: string): Viewer => ({ sub: `conformance-${agency}-${who}`, name: `Conformance ${who}`, agency, roles: [role] });

function viewersFor(agency: string): Viewers {
  const other = agency === 'police' ? 'housing' : 'police';
  const perpetratorSide = PERPETRATOR_SIDE.find((a) => a !== agency)!;
  return {
    own: viewer(agency, 'AGENCY_STAFF', 'staff'),
    ownAuditor: viewer(agency, 'AUDITOR', 'auditor'),
    ownCaseManager: viewer(agency, 'CASE_MANAGER', 'case-manager'),
    caseManager: viewer(HUB, 'CASE_MANAGER', 'case-manager'),
    frontDesk: viewer(HUB, 'FRONT_DESK', 'front-desk'),
    coordinator: viewer(HUB, 'COORDINATOR', 'coordinator'),
    fjcAuditor: viewer(HUB, 'AUDITOR', 'auditor'),
    otherAuditor: viewer(other, 'AUDITOR', 'auditor'),
    perpetratorSide: viewer(perpetratorSide, 'AGENCY_STAFF', 'staff'),
  };
}

/**
 * The state of one run: the options, the suite's signers and transport, the probes recorded per
 * requirement, and what later checks need from earlier ones (the SDL read, the records expected).
 */
export class Suite {
  readonly mint: Minter;
  readonly transport: Transport;
  readonly viewers: Viewers;
  readonly hub: boolean;
  readonly client: string;
  readonly stranger: string;
  readonly contactClients: string[];
  readonly probes = new Map<string, Probe[]>();
  readonly skipped = new Map<string, string>();
  readonly records: ExpectedRecord[] = [];
  sdl: SdlModel | null = null;
  part: ClientPart | null = null;
  /** The agency's own staff's view of the known client (AP-POL-9). */
  reference: unknown;

  constructor(
    readonly options: SuiteOptions,
    readonly setup: ConformanceSetup,
  ) {
    this.mint = new Minter(setup);
    this.transport = new Transport(options.url, options.agency, this.mint);
    this.viewers = viewersFor(options.agency);
    this.hub = options.agency === HUB;
    this.client = options.client ?? 'FJC-000002';
    this.stranger = options.stranger ?? 'FJC-000000';
    this.contactClients = options.contactClients ?? ['FJC-000001', 'FJC-000003'];
  }

  /** Records one probe of requirement `id`. */
  check(id: string, name: string, ok: boolean, detail?: string): boolean {
    const list = this.probes.get(id) ?? [];
    list.push({ name, status: ok ? 'pass' : 'fail', ...(ok || detail === undefined ? {} : { detail }) });
    this.probes.set(id, list);
    return ok;
  }

  /** Marks a requirement as not applicable to this subgraph, saying why. */
  skip(id: string, reason: string): void {
    if (!this.skipped.has(id)) this.skipped.set(id, reason);
  }
}
