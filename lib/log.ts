/**
 * One structured log line per event, as JSON on stderr. Callers pass ids and decisions only:
 * never a field value of person data.
 */
type Fields = Record<string, string | number | boolean | undefined | string[]>;

const quiet = process.env.ONEROOF_LOG === 'silent' || (process.env.JEST_WORKER_ID !== undefined && !process.env.ONEROOF_LOG);

function write(level: 'info' | 'warn' | 'error', message: string, fields: Fields = {}): void {
  if (quiet) return;
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), level, message, ...fields })}\n`);
}

export const log = {
  info: (message: string, fields?: Fields) => write('info', message, fields),
  warn: (message: string, fields?: Fields) => write('warn', message, fields),
  error: (message: string, fields?: Fields) => write('error', message, fields),
};
