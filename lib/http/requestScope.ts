import type http from 'node:http';

/** Why a request's work was stopped: its time ran out, or whoever asked went away. */
export type AbortReason = 'deadline' | 'client-gone';

/**
 * One request's lifetime, in the gateway and in every subgraph: its deadline, a signal that fires
 * when the answer can no longer be received (the deadline passed or the caller closed the
 * connection), and what happened to the answer in the end. Work that nobody will receive stops on
 * the signal: the gateway sends no more subgraph calls, a subgraph runs no more resolvers and
 * writes no disclosure for an answer it will not send.
 */
export interface RequestScope {
  /** When the caller stops waiting, in `Date.now()` ms. */
  readonly deadline: number;
  /** Aborted, with an `AbortReason` as its reason, once the answer can no longer be received. */
  readonly signal: AbortSignal;
  /** Milliseconds left before the deadline; 0 once it passed. */
  remainingMs(): number;
  /**
   * Whether the answer can no longer be received: the signal fired, or the deadline passed by the
   * clock, which a request running without a break (its timers cannot fire meanwhile) must read.
   */
  expired(): boolean;
  /**
   * Calls `listener` once the response is over, with whether it was delivered: written in full
   * (`true`), or cut off because the caller went away or the connection broke (`false`). At once
   * when the response is already over.
   */
  onEnd(listener: (delivered: boolean) => void): void;
}

/** How the transport sees a response end: the connection a request came on, if it came on one. */
export interface ResponseEnd {
  /** Calls `listener` once, when the response is over, with whether it was written in full. */
  onEnd(listener: (delivered: boolean) => void): void;
  /** Calls `listener` once, if the caller leaves (closes its side) before the response is over. */
  onCallerGone(listener: () => void): void;
}

/**
 * How an HTTP response ends. HTTP clients do not half-close a connection while they wait for an
 * answer: the end of the caller's side (Node keeps such a socket open for the answer) means the
 * caller is gone, and so does a socket already closed when a request queued behind a busy loop is
 * handled at last.
 */
export function responseEnd(res: http.ServerResponse): ResponseEnd {
  const socket = res.socket;
  const closedAlready = res.destroyed || !socket || socket.destroyed;
  return {
    onEnd(listener) {
      if (closedAlready) listener(false);
      else res.once('close', () => listener(res.writableFinished));
    },
    onCallerGone(listener) {
      if (closedAlready || socket.readableEnded) return listener();
      const gone = () => {
        if (!res.writableFinished) listener();
      };
      socket.once('end', gone);
      res.once('close', () => {
        socket.off('end', gone);
        if (!res.writableFinished) listener();
      });
    },
  };
}

/**
 * The end of a request handed over in process, without a connection: the caller never leaves, and
 * the response is over (delivered) when the handler has answered (`finish`).
 */
export function handedOverEnd(): { end: ResponseEnd; finish(): void } {
  const listeners: ((delivered: boolean) => void)[] = [];
  let finished = false;
  return {
    end: {
      onEnd: (listener) => (finished ? listener(true) : void listeners.push(listener)),
      onCallerGone: () => undefined,
    },
    finish() {
      if (finished) return;
      finished = true;
      for (const listener of listeners.splice(0)) listener(true);
    },
  };
}

/**
 * The scope of one request, with `budgetMs` from now (at least 1 ms).
 * @param end - how its response ends: `responseEnd` of its connection, `handedOverEnd` in process.
 * @param now - clock in ms; default `Date.now`.
 */
export function createRequestScope(end: ResponseEnd, budgetMs: number, now: () => number = Date.now): RequestScope {
  const controller = new AbortController();
  const budget = Math.max(1, Math.floor(budgetMs));
  const deadline = now() + budget;
  const timer = setTimeout(() => controller.abort('deadline' satisfies AbortReason), budget);
  timer.unref();
  let ended: boolean | undefined;
  const listeners: ((delivered: boolean) => void)[] = [];
  end.onCallerGone(() => controller.abort('client-gone' satisfies AbortReason));
  end.onEnd((delivered) => {
    clearTimeout(timer);
    ended = delivered;
    for (const listener of listeners.splice(0)) listener(delivered);
  });
  return {
    deadline,
    signal: controller.signal,
    remainingMs: () => Math.max(0, deadline - now()),
    expired: () => controller.signal.aborted || now() >= deadline,
    onEnd(listener) {
      if (ended === undefined) listeners.push(listener);
      else listener(ended);
    },
  };
}
