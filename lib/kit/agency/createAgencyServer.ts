import Database from 'better-sqlite3';
import type { TokenVerifier } from '../../auth/tokens';
import { createSubgraphServer, type SubgraphServer } from '../server/createSubgraphServer';
import type { AgencyModule, StoreHandle } from './agencyModule';
import { createAgencyRuntime, type AgencyRuntime, type AgencyRuntimeSettings } from './agencyRuntime';
import { openAgency, type OpenAgency } from './openAgency';

export interface AgencyServerSettings extends AgencyRuntimeSettings {
  verifyToken: TokenVerifier;
  /** `false`: benchmark mode (`ONEROOF_BENCH_AUTHORIZATION=off`); default true. */
  authorization?: boolean;
  /** The environment `openStore` reads an adapter's settings from; default `process.env`. */
  env?: NodeJS.ProcessEnv;
  /** The longest a request may run here (`ONEROOF_REQUEST_TIMEOUT_MS`); default its default. */
  requestTimeoutMs?: number;
}

/** One agency's subgraph, built and not yet listening. */
export interface AgencyServer {
  opened: OpenAgency;
  runtime: AgencyRuntime;
  server: SubgraphServer<unknown, StoreHandle>;
  /** Stops the server and closes the agency's stores (after `http` has stopped listening, where it listened). */
  stop(): Promise<void>;
}

/**
 * The agency's own data when it is a SQLite database OneRoof opened that requests may write (the
 * FJC's, through its mutations); a partner's SQLite data is only read, and in WAL mode a reader
 * never waits for another process's lock; an adapter's system is none of SQLite's.
 */
function writableData(store: StoreHandle): Database.Database[] {
  const db = (store as { db?: unknown }).db;
  return db instanceof Database ? [db] : [];
}

/**
 * Builds one agency's subgraph as `npm start` runs it: its stores opened in the data dir
 * (`openAgency`), its trust and disclosure log (`createAgencyRuntime`), its server with the log as
 * an extension (`createSubgraphServer`). Has no side effects beyond opening the stores: the caller
 * listens (`runAgency`, or a test's in-process transport).
 */
export async function createAgencyServer(module: AgencyModule, settings: AgencyServerSettings): Promise<AgencyServer> {
  const { id: agency } = module;
  const opened = openAgency(module, settings.dataDir, settings.env);
  try {
    const runtime = await createAgencyRuntime(agency, opened.oneroof.sqlite.db, settings);
    const server = await createSubgraphServer(module.definition, {
      store: opened.store, verifyToken: settings.verifyToken, production: settings.production, ...runtime.options, authorization: settings.authorization,
      requestTimeoutMs: settings.requestTimeoutMs,
      // Every request may write its disclosure record (and the FJC's mutations its data): it waits for
      // those stores, without blocking the event loop, while another process holds their lock.
      databases: [opened.oneroof.sqlite.db, ...writableData(opened.store)],
    });
    return {
      opened,
      runtime,
      server,
      stop: async () => {
        await server.apollo.stop();
        await opened.close();
      },
    };
  } catch (error) {
    await opened.close();
    throw error;
  }
}
