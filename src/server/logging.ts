// The server's log: one JSON object a line (pino), or readable lines when a person watches a
// terminal. Components log events through the small `EventLog` interface.
import { createRequire } from 'node:module';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { LogConfig } from '../config.js';

/** What components need of a logger: fields and a message, at three levels. pino's Logger is one. */
export interface EventLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** Longest question or claim text a request line carries when LOG_QUESTIONS=true. */
export const LOGGED_TEXT_CHARS = 500;

// Loaded only for readable output: a server writing JSON never needs it.
const require = createRequire(import.meta.url);

function prettyStream(): DestinationStream {
  const pretty = require('pino-pretty') as typeof import('pino-pretty');
  // Written in the calling thread, so nothing is lost when the process exits right after.
  return pretty.build({ sync: true, singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
}

/**
 * A logger at the configured level. Without a destination it writes to stdout: JSON, or
 * readable lines when the format says so or, left to `auto`, when stdout is a terminal.
 */
export function createLogger(settings: Pick<LogConfig, 'level' | 'format'>, destination?: DestinationStream): Logger {
  const options = { level: settings.level };
  if (destination) return pino(options, destination);
  const pretty = settings.format === 'pretty' || (settings.format === 'auto' && process.stdout.isTTY === true);
  return pretty ? pino(options, prettyStream()) : pino(options);
}

/** A logger that writes nothing, for an app embedded without one. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
