import type Database from 'better-sqlite3';
import { GraphQLError } from 'graphql';
import type { AgencyId } from '../../agencies';
import { ErrorCode } from '../../errors';
import type { RequestScope } from '../../http/requestScope';

/**
 * How long one statement may wait for a lock held by another process, blocking the event loop
 * meanwhile: short, so that a lock taken in the middle of a request stalls its agency for no more
 * than this. Longer waits happen before a request runs, without blocking (`waitForStore`).
 */
export const BUSY_TIMEOUT_MS = 10;

/** Retries of a busy store start this far apart, doubling up to `MAX_RETRY_MS`. */
const FIRST_RETRY_MS = 5;
const MAX_RETRY_MS = 100;

/**
 * Whether an error (or its cause) is SQLite's "the database is locked by someone else". Read by
 * shape, not `instanceof`: better-sqlite3's errors may come from another realm (a test runner's).
 */
export function isBusy(error: unknown): boolean {
  for (let current = error as { code?: unknown; cause?: unknown } | null; typeof current === 'object' && current !== null; current = current.cause as typeof current) {
    if (current.code === 'SQLITE_BUSY' || current.code === 'SQLITE_LOCKED') return true;
  }
  return false;
}

/** The store stayed locked by another process until the request's deadline: answered, not hung. */
export function storeBusy(agency: AgencyId): GraphQLError {
  return new GraphQLError('This agency\'s store is locked by another process; ask again shortly.', {
    extensions: { code: ErrorCode.AGENCY_UNAVAILABLE, agency, http: { status: 503 } },
  });
}

/**
 * Runs `attempt` until it does not fail with a busy store, waiting between tries on timers (the
 * event loop keeps serving everything else: health checks, other requests), for as long as the
 * request's scope lasts. `attempt` must have no effect when it fails busy (one statement, or one
 * transaction, which SQLite rolls back).
 * @throws the last busy error once the scope has expired; any other error at once.
 */
export async function retryWhileBusy<T>(attempt: () => T, scope: RequestScope | undefined): Promise<T> {
  let wait = FIRST_RETRY_MS;
  for (;;) {
    try {
      return attempt();
    } catch (error) {
      if (!isBusy(error) || !scope || scope.expired()) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(wait, scope.remainingMs())));
    wait = Math.min(wait * 2, MAX_RETRY_MS);
  }
}

/**
 * Waits, without blocking, until this process could write to the store (it takes the write lock
 * and gives it back at once), within the request's scope. Every request may write (its disclosure
 * record, a mutation), so every request waits here before it runs, instead of each statement
 * waiting synchronously inside SQLite for the whole of another process's lock.
 * @throws GraphQLError AGENCY_UNAVAILABLE (503) when the store is still locked at the deadline.
 */
export async function waitForStore(db: Database.Database, agency: AgencyId, scope: RequestScope | undefined): Promise<void> {
  try {
    await retryWhileBusy(() => {
      db.exec('BEGIN IMMEDIATE');
      db.exec('ROLLBACK');
    }, scope);
  } catch (error) {
    if (isBusy(error)) throw storeBusy(agency);
    throw error;
  }
}
