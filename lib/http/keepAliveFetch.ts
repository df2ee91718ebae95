import http from 'node:http';
import https from 'node:https';

/** The part of a fetch `Response` the gateway's calls to agencies read (gateway/dataSource.ts); the body is already in. */
export interface KeepAliveResponse {
  readonly ok: boolean;
  readonly status: number;
  readonly statusText: string;
  readonly url: string;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
  json(): Promise<unknown>;
}

export interface KeepAliveRequest {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Longest wait for the whole answer, headers and body, in ms. */
  timeoutMs: number;
  /** Gives up at once (the connection is cut) when this fires: whoever waits for the answer is gone. */
  signal?: AbortSignal;
}

/** The answer did not arrive in time (the name Node's fetch gives it too). */
export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/** The caller stopped waiting before the answer came (the name Node's fetch gives it too). */
export class AbortError extends Error {
  override name = 'AbortError';
}

export type KeepAliveFetch = (url: string, request: KeepAliveRequest) => Promise<KeepAliveResponse>;

function responseOf(url: string, response: http.IncomingMessage, text: string): KeepAliveResponse {
  const status = response.statusCode ?? 0;
  return {
    ok: status >= 200 && status < 300,
    status,
    statusText: response.statusMessage ?? '',
    url,
    headers: {
      get: (name) => {
        const value = response.headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
      },
    },
    text: async () => text,
    json: async () => JSON.parse(text) as unknown,
  };
}

/**
 * A POST-and-read-all client on Node's own HTTP stack with pooled keep-alive connections, for the
 * gateway's subgraph calls. Node's fetch costs several times more CPU per call (WHATWG streams,
 * a streamed request body, an AbortSignal per call) and the gateway makes one call per agency
 * per request. Idle connections are dropped a second before the server's announced keep-alive
 * timeout, so a request never goes out on a connection the server is closing.
 */
export function createKeepAliveFetch(): KeepAliveFetch {
  // `timeout` lets the agent apply the server's `Keep-Alive: timeout=` hint to idle sockets.
  const agents = { http: new http.Agent({ keepAlive: true, timeout: 60_000 }), https: new https.Agent({ keepAlive: true, timeout: 60_000 }) };
  return (url, init) =>
    new Promise((resolve, reject) => {
      const target = new URL(url);
      const secure = target.protocol === 'https:';
      const body = init.body ?? '';
      let settled = false;
      const settle = (error: Error | null, response?: KeepAliveResponse) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        init.signal?.removeEventListener('abort', abort);
        if (error) reject(error);
        else resolve(response!);
      };
      const abort = () => {
        settle(new AbortError(`the request for ${target.host} was abandoned`));
        request.destroy();
      };
      const request = (secure ? https : http).request(target, {
        method: init.method ?? 'POST',
        agent: secure ? agents.https : agents.http,
        headers: { ...init.headers, 'content-length': String(Buffer.byteLength(body)) },
      });
      const timer = setTimeout(() => {
        settle(new TimeoutError(`no answer from ${target.host} within ${init.timeoutMs} ms`));
        request.destroy();
      }, init.timeoutMs);
      if (init.signal?.aborted) abort();
      else init.signal?.addEventListener('abort', abort, { once: true });
      request.on('error', (error) => settle(error));
      request.on('response', (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => settle(null, responseOf(url, response, Buffer.concat(chunks).toString('utf8'))));
        response.on('error', (error) => settle(error));
        response.on('aborted', () => settle(new Error(`the connection to ${target.host} closed mid-answer`)));
      });
      request.end(body);
    });
}
