// The scratch database a bench or crash check fills: emptied first, refusing (exit 2, a message
// instead of a stack trace) a database that serves a published index unless --drop was given.
import type { DatabaseConfig } from '../config.js';
import { AppError } from '../errors.js';
import { dropIndexTables } from '../index-store/postgres/schema.js';

/** The command-line option that lets a script drop a published index. */
export const DROP_OPTION = { drop: { type: 'boolean', default: false } } as const;

export async function emptyScratchDatabase(database: DatabaseConfig, drop: boolean | undefined): Promise<void> {
  try {
    await dropIndexTables(database, { evenIfPublished: drop === true });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    console.error(error.message);
    process.exit(2);
  }
}
