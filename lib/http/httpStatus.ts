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
