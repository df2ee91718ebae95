import type { AgencyModule, StoreHandle } from './agencyModule';
import { agencyDataFile, oneroofStoreFile, openOneRoofStore, refuseOldLayout, type OneRoofStore } from '../store/oneroofStore';

/** An agency's stores, open: its own (through the store interface) and OneRoof's own for it. */
export interface OpenAgency<TStore extends StoreHandle = StoreHandle> {
  store: TStore;
  /** OneRoof's own store for the agency: person links and disclosure log. */
  oneroof: OneRoofStore;
  /** Closes both; at once when the agency's store closes at once (SQLite), else once it has. */
  close(): void | Promise<void>;
}

/**
 * Opens an agency's stores in a data dir, as `npm start`, the seed and the tests do: OneRoof's own
 * store for it (`<data>/<agency>.oneroof.sqlite`), then the agency's own through its module.
 * @throws OldLayoutError for a data dir of the layout before OneRoof's own store, changing nothing.
 */
export function openAgency(module: AgencyModule, dataDir: string, env: NodeJS.ProcessEnv = process.env): OpenAgency {
  const dataFile = agencyDataFile(dataDir, module.id);
  refuseOldLayout(dataFile);
  const oneroof = openOneRoofStore(oneroofStoreFile(dataDir, module.id));
  let store: StoreHandle;
  try {
    store = module.openStore({ dataFile, links: oneroof.links, env });
  } catch (error) {
    oneroof.close();
    throw error;
  }
  return {
    store,
    oneroof,
    close: () => {
      const closing = store.close();
      if (closing instanceof Promise) return closing.finally(() => oneroof.close());
      oneroof.close();
      return undefined;
    },
  };
}
