import { startInProcess } from '../helpers/inProcess';

/**
 * Outside tests Apollo Server adds SIGINT and SIGTERM handlers of its own, which stop it at once and
 * raise the signal again: an agency was killed in the middle of finishing its requests, and the
 * gateway took the raised signal for a second one. OneRoof's processes handle signals themselves
 * (gateway/index.ts, lib/kit/agency/runAgency.ts), so no server of theirs may add one, whatever
 * NODE_ENV says (lib/http/apolloDefaults.ts, `APOLLO_SERVER_OPTIONS`).
 */
describe('signals', () => {
  it('are left to OneRoof\'s own handlers by the gateway\'s and every agency\'s Apollo Server', async () => {
    const nodeEnv = process.env.NODE_ENV;
    const before = { SIGINT: process.listenerCount('SIGINT'), SIGTERM: process.listenerCount('SIGTERM') };
    process.env.NODE_ENV = 'development';
    const federation = await startInProcess({ clients: 10 }).finally(() => {
      process.env.NODE_ENV = nodeEnv;
    });
    try {
      expect({ SIGINT: process.listenerCount('SIGINT'), SIGTERM: process.listenerCount('SIGTERM') }).toEqual(before);
    } finally {
      await federation.stop();
    }
  });
});
