/**
 * One structured log line per event, as JSON on stderr. Callers pass ids and decisions only:
 * never a field value of person data.
 */
type Fields = Record<string, string | number | boolean | undefined | string[] | Record<string, number>>;

/** Where log lines go instead of stderr; see `setLogSink`. */
export type LogSink = (line: string) => void;

const quiet = process.env.ONEROOF_LOG === 'silent' || (process.env.JEST_WORKER_ID !== undefined && !process.env.ONEROOF_LOG);
let sink: LogSink | null = null;

/**
 * Sends every line to `next` instead of stderr, even when logging is silenced (tests read what
 * would be written); `null` restores the default. Returns the sink it replaced.
 */
export function setLogSink(next: LogSink | null): LogSink | null {
  const previous = sink;
  sink = next;
  return previous;
}

function write(level: 'info' | 'warn' | 'error', message: string, fields: Fields = {}): void {
  if (!sink && quiet) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields });
  if (sink) sink(line);
  else process.stderr.write(`${line}\n`);
}

export const log = {
  info: (message: string, fields?: Fields) => write('info', message, fields),
  warn: (message: string, fields?: Fields) => write('warn', message, fields),
  error: (message: string, fields?: Fields) => write('error', message, fields),
};
