// Shortenings English writes in chat and notes that no dictionary or word-vector neighbourhood
// recovers: "univ" is far from "university" in GloVe (0.05), "dev" and "cdn" are too short for
// the shortening rule, and "acc" and "tech" are dictionary words of another sense. Each stands
// for the word an article would print. Only shortenings with one common reading are listed:
// "min" (minister, minute, minimum) and "def" are left to the reader's context.
export const CHAT_ABBREVIATIONS: ReadonlyMap<string, string> = new Map([
  ['acc', 'according'],
  ['admin', 'administration'],
  ['amt', 'amount'],
  ['approx', 'approximately'],
  ['avg', 'average'],
  ['cdn', 'canadian'],
  ['corp', 'corporation'],
  ['dept', 'department'],
  ['dev', 'development'],
  ['devt', 'development'],
  ['est', 'estimated'],
  ['govt', 'government'],
  ['hrs', 'hours'],
  ['incl', 'including'],
  ['intl', 'international'],
  ['mfr', 'manufacturer'],
  ['mgmt', 'management'],
  ['mos', 'months'],
  ['mtg', 'meeting'],
  ['natl', 'national'],
  ['pct', 'percent'],
  ['prep', 'preparation'],
  ['qty', 'quantity'],
  // The date reader knows "sep" and "September", not "sept".
  ['sept', 'september'],
  ['tech', 'technology'],
  // An unmanned aerial vehicle is what news reports call a drone.
  ['uav', 'drone'],
  ['uavs', 'drones'],
  ['univ', 'university'],
  ['wks', 'weeks'],
  ['yrs', 'years'],
]);
