import type http from 'node:http';

/**
 * A request's target as a URL, or null when it is none: Node passes on targets such as `//[`
 * that `new URL` throws on, and a throw in a request listener would stop the whole process.
 */
export function requestUrl(req: Pick<http.IncomingMessage, 'url'>): URL | null {
  try {
    return new URL(req.url ?? '/', 'http://localhost');
  } catch {
    return null;
  }
}
