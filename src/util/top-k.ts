// Keeps the k best of a stream of scored items without sorting them all: searches touch many
// more candidates than they return.
export class TopK<T extends { score: number }> {
  private readonly k: number;
  private readonly tieBreak: (a: T, b: T) => number;
  readonly items: T[] = [];

  /** `tieBreak` orders equal scores (negative: `a` first), so results are deterministic. */
  constructor(k: number, tieBreak: (a: T, b: T) => number) {
    this.k = k;
    this.tieBreak = tieBreak;
  }

  private better(a: T, b: T): boolean {
    return a.score > b.score || (a.score === b.score && this.tieBreak(a, b) < 0);
  }

  /** Whether an item with this score could still enter the list. */
  admits(score: number): boolean {
    return this.items.length < this.k || score >= this.items[this.k - 1]!.score;
  }

  add(item: T): void {
    if (this.k <= 0) return;
    if (this.items.length === this.k && !this.better(item, this.items[this.k - 1]!)) return;
    let position = this.items.length;
    while (position > 0 && this.better(item, this.items[position - 1]!)) position--;
    this.items.splice(position, 0, item);
    if (this.items.length > this.k) this.items.pop();
  }
}
