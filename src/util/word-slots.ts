// An open-addressing hash table over a word list, as one Int32Array that is stored in a compact
// cache file and used as loaded: finding a word's number needs no Map of hundreds of thousands
// of words built at every start.

/** FNV-1a over UTF-16 code units. */
function hashWord(word: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/** Slots for `count` words, `wordAt(i)` being word i: each word's number, or -1 for an empty slot. At most half full, so probes stay short. */
export function buildWordSlots(count: number, wordAt: (index: number) => string): Int32Array {
  const slots = new Int32Array(2 ** Math.ceil(Math.log2(count * 2 + 1))).fill(-1);
  const mask = slots.length - 1;
  for (let index = 0; index < count; index++) {
    let slot = hashWord(wordAt(index)) & mask;
    while (slots[slot] !== -1) slot = (slot + 1) & mask;
    slots[slot] = index;
  }
  return slots;
}

/** The number of `word`, where `is(index, word)` tells whether word `index` is that word; undefined when absent. */
export function findWord(slots: Int32Array, word: string, is: (index: number, word: string) => boolean): number | undefined {
  const mask = slots.length - 1;
  for (let slot = hashWord(word) & mask; slots[slot] !== -1; slot = (slot + 1) & mask) {
    const index = slots[slot]!;
    if (is(index, word)) return index;
  }
  return undefined;
}
