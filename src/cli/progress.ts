// Progress for long commands: a redrawn bar on a terminal, a few plain lines otherwise
// (so logs in CI stay readable).
export interface ProgressReporter {
  update(label: string, done: number, total: number): void;
  finish(): void;
}

const BAR_WIDTH = 30;

export function createProgress(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  let currentLabel = '';
  let lastQuarter = -1;
  let lastFilled = -1;
  return {
    update(label, done, total) {
      const fraction = total > 0 ? Math.min(1, done / total) : 1;
      const labelChanged = label !== currentLabel;
      if (stream.isTTY) {
        if (labelChanged && currentLabel) stream.write('\n');
        const filled = Math.round(fraction * BAR_WIDTH);
        // Redraw only when the bar moves: thousands of files would otherwise flood the terminal.
        if (labelChanged || filled !== lastFilled || done === total) {
          stream.write(`\r${label.padEnd(10)} [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${done}/${total}`);
        }
        lastFilled = filled;
      } else {
        const quarter = Math.floor(fraction * 4);
        if (labelChanged || quarter > lastQuarter) stream.write(`${label}: ${done}/${total}\n`);
        lastQuarter = labelChanged ? quarter : Math.max(lastQuarter, quarter);
      }
      currentLabel = label;
    },
    finish() {
      if (stream.isTTY && currentLabel) stream.write('\n');
    },
  };
}
