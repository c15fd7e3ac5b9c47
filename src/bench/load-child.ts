// The child side of runLoadInChild: one load run, its result sent back, then exit.
import { runLoad, type LoadRequest } from './load.js';

process.once('message', async (message) => {
  const { base, cycle, options } = message as { base: string; cycle: LoadRequest[]; options: { concurrency: number; seconds: number; maxRequests: number } };
  const result = await runLoad(base, (i) => cycle[i % cycle.length]!, options);
  process.send!(result, () => process.exit(0));
});
