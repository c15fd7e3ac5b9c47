// A seeded random source for the fuzz tests, so a failing run can be replayed from its seed.

/** mulberry32: a tiny PRNG with whole numbers, picks and chances on top. */
export function randomSource(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const integer = (below: number) => Math.floor(next() * below);
  const pick = <T>(items: readonly T[]): T => items[integer(items.length)]!;
  const chance = (probability: number) => next() < probability;
  return { next, integer, pick, chance };
}

export type Random = ReturnType<typeof randomSource>;
