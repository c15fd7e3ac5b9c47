// Where a running server learns which generation is published, and hears that a new one was:
// CURRENT and a watch on the index directory, or the database's current generation and LISTEN.
import { watch, type FSWatcher } from 'node:fs';
import { CURRENT_FILE } from './index-files.js';
import { readCurrentGeneration } from './load-index.js';

export interface GenerationSource {
  /** The published generation's name, undefined when nothing is published; fails when the store cannot be read. */
  current(): Promise<string | undefined>;
  /** Calls `onChange` when a generation may have been published; returns a function that stops watching. */
  watch(onChange: () => void): () => void;
}

/** How often a broken directory watch is set up again (the index directory may not exist yet). */
const REWATCH_MS = 5000;

export function fileGenerationSource(indexDir: string): GenerationSource {
  return {
    current: () => readCurrentGeneration(indexDir),
    watch: (onChange) => {
      // Publishing renames a new CURRENT into place, so a watch on the directory hears of it at
      // once, however busy the server is; the reloader's timer covers file systems without watching.
      let watcher: FSWatcher | undefined;
      const startWatching = () => {
        if (watcher) return;
        try {
          watcher = watch(indexDir, { persistent: false }, (_event, file) => {
            if (file === null || file === CURRENT_FILE) onChange();
          });
          watcher.on('error', () => {
            // The directory went away or the watch broke: watched again on the next round.
            watcher?.close();
            watcher = undefined;
          });
        } catch {
          watcher = undefined;
        }
      };
      startWatching();
      const timer = setInterval(startWatching, REWATCH_MS);
      timer.unref();
      return () => {
        clearInterval(timer);
        watcher?.close();
        watcher = undefined;
      };
    },
  };
}
