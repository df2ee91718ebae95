import type http from 'node:http';

/** Servers that are shutting down: their responses ask the client to close the connection. */
const draining = new WeakSet<http.Server>();

/** True once `close` has been called on this server. */
export function isDraining(server: http.Server): boolean {
  return draining.has(server);
}

/** Listens on `port` (0 for an ephemeral one) and resolves with the bound port. */
export function listen(server: http.Server, port: number, host?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      draining.delete(server);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** How often a draining server drops connections that have just become idle. */
const IDLE_SWEEP_MS = 50;

/**
 * Stops accepting connections and lets in-flight requests finish. Node's `close` alone waits for
 * every keep-alive connection to time out (seconds after the last answer), so idle connections
 * are closed at once and again as each in-flight answer completes (those answers carry
 * `connection: close`); whatever still runs after `graceMs` (default 10 s) is cut off.
 */
export function close(server: http.Server, graceMs = 10_000): Promise<void> {
  draining.add(server);
  return new Promise((resolve) => {
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS);
    const force = setTimeout(() => server.closeAllConnections(), graceMs);
    sweep.unref();
    force.unref();
    server.close(() => {
      clearInterval(sweep);
      clearTimeout(force);
      resolve();
    });
    server.closeIdleConnections();
  });
}
