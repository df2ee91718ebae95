/**
 * The DataLoader options of every per-request loader of a subgraph: batches of up to 1000 keys,
 * dispatched on the next turn of the event loop (`setImmediate`), not straight after the promise
 * jobs of the current one (DataLoader's default). Every key a request asks for in one pass over its
 * fields still lands in one batch (one store query, whatever the number of clients), and a large
 * request now gives the event loop back between its passes: a small request that arrives meanwhile
 * is read and served between them, instead of waiting out the whole of the large one.
 */
export const BATCH_OPTIONS = {
  maxBatchSize: 1000,
  batchScheduleFn: (dispatch: () => void): void => {
    setImmediate(dispatch);
  },
} as const;
