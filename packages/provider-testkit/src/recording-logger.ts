import type { Logger } from '@mosaic/orchestrator-core';

/** One line a {@link RecordingLogger} received. */
export interface LogRecord {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields?: Record<string, unknown>;
}

/** A {@link Logger} that keeps every line, for leak scans and assertions. */
export interface RecordingLogger extends Required<Logger> {
  readonly records: LogRecord[];
  clear(): void;
}

/** Creates a {@link RecordingLogger}. */
export function createRecordingLogger(): RecordingLogger {
  const records: LogRecord[] = [];
  const at =
    (level: LogRecord['level']) =>
    (message: string, fields?: Record<string, unknown>): void => {
      records.push(fields === undefined ? { level, message } : { level, message, fields });
    };
  return {
    records,
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    clear() {
      records.length = 0;
    },
  };
}
