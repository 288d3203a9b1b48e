/** Structured JSON log lines, one per event: {level, message, requestId, ...fields, time}. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, unknown>;

const RANK: Record<LogLevel | 'silent', number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };
const DEFAULT_LEVEL: LogLevel = 'info';

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds `fields` (e.g. the requestId) to every line. */
  with(fields: LogFields): Logger;
}

/** LOG_LEVEL (debug|info|warn|error|silent) is read when the logger is made, so tests can quieten it. */
export function createLogger(context: LogFields = {}, level = process.env.LOG_LEVEL): Logger {
  const threshold = RANK[(level ?? DEFAULT_LEVEL) as LogLevel] ?? RANK[DEFAULT_LEVEL];
  const line =
    (lineLevel: LogLevel) =>
    (message: string, fields: LogFields = {}) => {
      if (RANK[lineLevel] < threshold) return;
      console.log(JSON.stringify({ level: lineLevel, message, ...context, ...fields, time: new Date().toISOString() }, jsonSafe));
    };
  return {
    debug: line('debug'),
    info: line('info'),
    warn: line('warn'),
    error: line('error'),
    with: (fields) => createLogger({ ...context, ...fields }, level),
  };
}

/** Errors serialize as {} by default; keep what helps. */
function jsonSafe(_key: string, value: unknown): unknown {
  return value instanceof Error ? { name: value.name, message: value.message } : value;
}
