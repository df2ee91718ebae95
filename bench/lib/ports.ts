import net from 'node:net';

function free(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
}

let next = 20_000 + Math.floor(Math.random() * 20_000);

/**
 * `count` consecutive free ports (the subgraphs listen on a base port and the ports after it, one per agency).
 * Ports handed out once are not handed out again by this process.
 */
export async function freePorts(count: number): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const base = next;
    next += count + 1;
    if (next > 60_000) next = 20_000;
    const checks = await Promise.all(Array.from({ length: count }, (_, i) => free(base + i)));
    if (checks.every(Boolean)) return base;
  }
  throw new Error(`no ${count} consecutive free ports found`);
}
