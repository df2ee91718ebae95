import { randomUUID } from 'node:crypto';
import type { Minter, Tamper } from './mint';
import { HEADER, type Purpose, type Viewer } from './protocol';

export interface GraphQLError {
  message: string;
  path?: (string | number)[];
  extensions?: Record<string, unknown>;
}

export interface Answer {
  status: number;
  headers: Headers;
  /** The parsed JSON body; `null` when the body was not JSON. */
  body: { data?: Record<string, unknown> | null; errors?: GraphQLError[] } | null;
  /** The request id the suite sent. */
  requestId: string;
}

/** How the gateway signature of one request is made. */
export type SignatureMode =
  | { kind: 'valid'; tamper?: Tamper }
  | { kind: 'none' }
  /** A fixed header value (a signature replayed from an earlier request). */
  | { kind: 'fixed'; value: string };

export interface Call {
  query: string;
  variables?: Record<string, unknown>;
  /** The viewer whose token is sent; `null`: no Authorization header. */
  viewer: Viewer | null;
  /** Sent as the bearer token instead of a fresh valid one for `viewer`. */
  token?: string;
  /** `null`: no X-Purpose-Of-Use header. */
  purpose: Purpose | string | null;
  headers?: Record<string, string>;
  signature?: SignatureMode;
  /** Default a fresh id. */
  requestId?: string;
}

/**
 * Sends GraphQL requests to the subgraph under test as OneRoof's gateway would: the caller's
 * token, purpose and basis headers, a request id, and the gateway's signature over the exact body.
 */
export class Transport {
  private readonly run = randomUUID().slice(0, 8);
  private count = 0;
  private sentCount = 0;
  /** Signatures made, by request id: a probe replays one. */
  readonly signatures = new Map<string, string>();

  constructor(
    readonly url: string,
    readonly agency: string,
    private readonly mint: Minter,
    private readonly timeoutMs = 10_000,
  ) {}

  /** GraphQL requests sent so far. */
  get sent(): number {
    return this.sentCount;
  }

  /** A request id unique to this run, so records can be found again by it. */
  nextRequestId(): string {
    this.count += 1;
    return `conformance-${this.run}-${this.count}`;
  }

  /** The exact body bytes a call sends (what the signature covers). */
  static bodyOf(call: Pick<Call, 'query' | 'variables'>): string {
    return JSON.stringify({ query: call.query, variables: call.variables ?? {} });
  }

  async send(call: Call): Promise<Answer> {
    const requestId = call.requestId ?? this.nextRequestId();
    const body = Transport.bodyOf(call);
    const headers: Record<string, string> = { 'content-type': 'application/json', [HEADER.requestId]: requestId, ...call.headers };
    if (call.viewer) headers[HEADER.authorization] = `Bearer ${call.token ?? (await this.mint.userToken(call.viewer))}`;
    else if (call.token) headers[HEADER.authorization] = `Bearer ${call.token}`;
    if (call.purpose !== null) headers[HEADER.purpose] = call.purpose;
    const mode = call.signature ?? { kind: 'valid' };
    if (mode.kind === 'fixed') headers[HEADER.signature] = mode.value;
    if (mode.kind === 'valid') {
      const signature = await this.mint.signature({ method: 'POST', body, requestId, audience: this.agency }, mode.tamper);
      this.signatures.set(requestId, signature);
      headers[HEADER.signature] = signature;
    }
    this.sentCount += 1;
    const response = await fetch(this.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(this.timeoutMs) });
    const text = await response.text();
    let parsed: Answer['body'] = null;
    try {
      parsed = JSON.parse(text) as Answer['body'];
    } catch {
      parsed = null;
    }
    return { status: response.status, headers: response.headers, body: parsed, requestId };
  }

  /** A GET beside the GraphQL endpoint, e.g. `health`: no token, no signature. */
  async get(relative: string): Promise<{ status: number; body: unknown }> {
    const url = new URL(relative, this.url.replace(/graphql\/?$/, ''));
    const response = await fetch(url, { signal: AbortSignal.timeout(this.timeoutMs) });
    const text = await response.text();
    try {
      return { status: response.status, body: JSON.parse(text) as unknown };
    } catch {
      return { status: response.status, body: text };
    }
  }
}

/** The `extensions.code` of every error of an answer. */
export function codesOf(answer: Answer): unknown[] {
  return (answer.body?.errors ?? []).map((e) => e.extensions?.code);
}
