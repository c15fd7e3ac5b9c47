// Tells a query server when ingest publishes into PostgreSQL: LISTEN on the channel ingest
// notifies in its publish transaction, on a connection of its own that is reopened when it drops.
import pg from 'pg';
import type { DatabaseConfig } from '../../config.js';
import type { GenerationSource } from '../generation-source.js';
import { connectionOptions, sharedPool } from './database.js';
import { currentGeneration, GENERATION_CHANNEL } from './schema.js';

/**
 * How long to wait before listening again after the connection dropped, doubling while it keeps
 * failing (a replica refuses LISTEN: polling covers it) up to the longest wait.
 */
const RECONNECT_MS = 1000;
const LONGEST_RECONNECT_MS = 30_000;

export function databaseGenerationSource(database: DatabaseConfig): GenerationSource {
  return {
    current: async () => (await currentGeneration(sharedPool(database), database))?.name,
    watch: (onChange) => {
      let client: pg.Client | undefined;
      let stopped = false;
      let retry: NodeJS.Timeout | undefined;
      let wait = RECONNECT_MS;
      const listen = async () => {
        if (stopped) return;
        let connection: pg.Client | undefined;
        const again = () => {
          if (client !== connection || stopped) return;
          client = undefined;
          void connection?.end().catch(() => undefined);
          retry = setTimeout(() => void listen(), wait);
          retry.unref();
          wait = Math.min(wait * 2, LONGEST_RECONNECT_MS);
        };
        try {
          // A pooled connection would be handed to queries; a listener needs one to itself.
          // Built inside the try: whatever fails here is retried, never an unhandled rejection.
          connection = new pg.Client(connectionOptions(database, 'export-rules-qa listener'));
          client = connection;
          connection.on('error', again);
          connection.on('end', again);
          connection.on('notification', () => onChange());
          await connection.connect();
          await connection.query(`LISTEN ${GENERATION_CHANNEL}`);
          wait = RECONNECT_MS;
          // A publish while the listener was away went unheard: look now.
          onChange();
        } catch {
          again();
        }
      };
      void listen();
      return () => {
        stopped = true;
        clearTimeout(retry);
        void client?.end().catch(() => undefined);
        client = undefined;
      };
    },
  };
}
