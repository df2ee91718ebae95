import http from 'node:http';
import https from 'node:https';

/**
 * GETs `url` on a fresh connection with Node's own HTTP client and resolves its status, or
 * `undefined` when nothing answered within `timeoutMs` (refused, reset, too slow). Used for health
 * checks instead of `fetch`, which refuses some ports outright (6000, 6665-6669, 10080, ...: the
 * WHATWG "bad ports"), so an agency or gateway configured on one would never be seen as up.
 */
export function httpStatus(url: string, timeoutMs: number): Promise<number | undefined> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const request = (target.protocol === 'https:' ? https : http).get(target, { agent: false, timeout: timeoutMs }, (response) => {
      response.resume(); // the body is not needed, but must be read for the socket to close
      response.on('end', () => resolve(response.statusCode));
      response.on('error', () => resolve(undefined));
    });
    const timer = setTimeout(() => request.destroy(), timeoutMs);
    request.on('close', () => clearTimeout(timer));
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(undefined));
  });
}

/** The ports browsers and Node's fetch refuse to connect to (the WHATWG Fetch standard's "bad ports"). */
export const FETCH_REFUSED_PORTS: ReadonlySet<number> = new Set([
  1, 7, 9, 11, 13, 15, 17, 19, 20, 21, 22, 23, 25, 37, 42, 43, 53, 69, 77, 79, 87, 95, 101, 102, 103, 104, 109, 110, 111, 113, 115,
  117, 119, 123, 135, 137, 139, 143, 161, 179, 389, 427, 465, 512, 513, 514, 515, 526, 530, 531, 532, 540, 548, 554, 556, 563, 587,
  601, 636, 989, 990, 993, 995, 1719, 1720, 1723, 2049, 3659, 4045, 4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669,
  6679, 6697, 10080,
]);
