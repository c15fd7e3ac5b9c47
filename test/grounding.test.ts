// The evidence judge and the answers built on it, on questions and claims in everyday wording:
// aliases, capitals for governments, converse verbs, typos, several-part questions, near misses.
import { beforeAll, describe, expect, it } from 'vitest';
import { findDetail, withholdsDetail } from '../src/grounding/answer-types.js';
import { QaService } from '../src/qa-service.js';
import { ExtractiveAnswerer } from '../src/answering/extractive-answerer.js';
import type { Grounding } from '../src/grounding/grounding.js';
import { describeMissingDetail, WITHHELD } from '../src/answering/refusals.js';
import { citationProblems } from '../src/grounding/citations.js';
import { candidateSentences, neighbourOf } from '../src/grounding/candidates.js';
import type { Article, Passage } from '../src/types.js';
import { acronymCapitals, acronymExpansion, MATCHED } from '../src/grounding/judge.js';
import { searchTerms } from '../src/grounding/question.js';
import { claimParts } from '../src/grounding/claim-parts.js';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ExtractiveFactChecker } from '../src/factcheck/extractive-checker.js';
import { HybridRetriever, type Retriever } from '../src/retrieval/hybrid-retriever.js';
import { articlesOf, copyOfCorpus, offlineEmbedder, testService } from './helpers.js';

let service: QaService;
let grounding: Grounding;

beforeAll(async () => {
  ({ service } = await testService());
  grounding = service.grounding;
});

function judge(hypothesis: string, sentence: string) {
  return grounding.judge.judge(grounding.judge.hypothesis(grounding.analyze(hypothesis)), grounding.analyze(sentence));
}

const PATRIOT = 'The Japanese government will sell Patriot air defense missiles to the U.S., marking Tokyo’s first foray into selling complete lethal weapons.';
const GLASS = 'US ambassador to Japan George Glass publicly welcomed the move, saying it would contribute to Indo-Pacific security.';
const FRIGATES = 'Japan had signed contracts with Australia for the sale of 11 upgraded Mogami-class frigates.';

describe('the evidence judge', () => {
  it.each([
    ['Japan will sell Patriot missiles to America.', PATRIOT, 'aliases of the same country'],
    ['Tokyo will sell Patriot missiles to Washington.', PATRIOT, 'capitals for their governments'],
    ['America is buying Patriot missiles from Japan.', PATRIOT, 'a converse verb with the participants swapped'],
    ['The Americans welcomed the move.', GLASS, 'a demonym in the plural for its country'],
    ['The Swedes have ordered eight lasers.', 'Sweden has ordered eight lasers from Kaga.', 'a people the country data names no demonym for'],
    ["India's navy is considering the mast.", 'Indian officials said the navy is considering the mast.', 'a demonym shared with a territory stands for the sovereign state'],
    ['The LDP backed the plan.', 'The Liberal Democratic Party backed the plan in parliament.', 'an acronym spelt out in the sentence'],
    ['The MoD raised the profit margin.', 'The Ministry of Defence raised the profit margin on contracts.', 'an acronym with "of" in its long form'],
    ['Miura will build the ROV.', 'Miura will build the remotely operated vehicle that inspects the mines.', 'an acronym spelt out in lower case'],
    ['The fund made its first loans in 2025.', 'The fund made its first loans in September 2025.', 'a year alone, for a date in that year'],
    ['The fund has lent money to more than 30 companies.', 'Since then the fund has lent 42 billion yen to 38 companies.', 'a figure within the bound the hypothesis sets'],
    ['The drone can stay in the air for as long as thirty hours.', 'The drone has a 24-metre wingspan and can stay airborne for up to 30 hours.', 'a maximum, however it is worded'],
    ['Fewer than half of the residents surveyed opposed the exports.', 'In a survey of 800 residents, 46 percent opposed the exports.', 'a share written as a fraction'],
    ['Japanese engineers will train the crews.', 'Japanese engineers and Polish engineers will train the crews.', "another country's people beside the ones named"],
    ['The cost went up by 8 billion yen.', 'The cost had risen to 46 billion yen from the 38 billion yen announced in July.', 'a change, the difference of the new and the old value'],
    ['Poland trimmed its order by two boats.', 'Poland has cut its planned order to 10 boats from 12.', 'a change in a count'],
    ["Redcastle's share went up by five percentage points.", "Redcastle's share rises to 35 percent from 30 percent.", 'a change in percentage points'],
    ["Redcastle's share went up by five percentage points.", "Redcastle's share rises to 35 percent from 30.", 'a change in percentage points, the old value without its unit'],
    // A difference said as a comparison, against a new value and an old one that leaves its unit out.
    ['The shipyard has a workforce of 1,200.', 'Founded in 1950, the shipyard employs 1,200 people and builds ferries.', "a group counted in its members ('a workforce of') for a count of people"],
    ['The firm will staff its new office with 30 people.', 'The firm will open a new office in Perth with 30 staff.', "more than one of a group noun in the singular ('30 staff') for a count of people"],
    ['The new line will now cost two billion yen more than first planned.', 'The new line will now cost 11 billion yen, up from 9 billion, because of the larger order.', 'a difference of a new and an old value, the old one without its unit'],
    ['Chile will pay two-thirds of the cost.', 'Chile will pay about 67 percent of the cost.', 'a share of several parts'],
    ['The poll found half of the adults backed the exports.', 'The poll found 48 percent of the adults backed the exports.', 'half, a round figure as the other fractions are'],
    ['The fund charges interest of roughly half a percent.', 'The fund will offer loans at interest rates of around 0.5 percent.', 'half a percent, hedged'],
    ['The cabinet updated its rules to allow the shipment of completed weapons systems.', 'The cabinet this week updated its rules to allow for the shipment of completed weapons systems.', 'a participle before its noun, which describes the thing allowed'],
    ['Malaysia has earmarked about 2.5 billion dollars for its frigate programme.', "Malaysia's defence ministry has set aside 11 billion ringgit, about $2.5 billion, for the programme.", 'a phrasal verb the dictionary has as a synonym'],
    ['The fund made its first loans in September.', 'The fund made its first loans in September 2025.', 'a month alone, for that month of a year'],
    ['Lasers stronger than 50 kw need a joint development project.', 'Lasers of more than 50 kilowatts may be exported only as part of a joint development project.', 'a bound in a comparative, and a unit shortened'],
    ["The laser's new beam is 30kw.", "The laser's new beam will be 30 kilowatts.", 'a unit written onto its number'],
    ['The plaintiffs intend to take the case to the Tokyo High Court.', "The plaintiffs' lead lawyer said they would appeal to the Tokyo High Court within two weeks.", 'an intention, for what someone said they would do'],
    ['The training is due to begin at the start of 2027.', 'The training is due to begin in early 2027 at a base near Tokyo.', 'two words for the same part of a year'],
    ['The first hull is due in 2028.', 'The first hull is now due in the first half of 2028.', 'a year, for a half of it'],
    ['The Unicorn puts the antennas inside one enclosed mast.', 'The Unicorn puts the antennas inside an enclosed mast.', '"one" as an article, not a figure'],
    [
      'Bangkok has picked coastal radars from a company based in Hamamatsu.',
      "The Royal Thai Navy has chosen Japanese coastal radars from Hamamatsu and plans to buy eight of them, in what would be Japan's first sale of defence equipment to Thailand.",
      'a word only loosely related to one the sentence says as a possibility ("based", "would be first") is not said only as a possibility',
    ],
    ['Japan joined the British-Italian fighter project in December 2022.', 'In December 2022, Japan joined a UK-Italy collaboration, dubbed the Tempest, to develop this new fighter jet.', 'one ordinary word said another way'],
    [
      'Hattori asked whether drones built in Komaki could reach a war zone if Italy passed them on.',
      'Yumiko Hattori of the opposition party asked whether drones built in Komaki could end up in a war zone if Italy passed them on to another country.',
      'a word of negative sentiment that stands for another word of the hypothesis is no opposite',
    ],
  ])('finds that the sentence entails "%s" (%s)', (hypothesis, sentence) => {
    expect(judge(hypothesis, sentence).label).toBe('entails');
  });

  it.each([
    ['Japan signed contracts with Canada for the sale of 11 upgraded Mogami-class frigates.', FRIGATES, 'place', 'Canada', 'Australia'],
    ['Japan agreed to sell 20 frigates to Australia.', FRIGATES, 'number', '20', '11'],
    // Two people in the same role ("under"), a title with "then-" included.
    ['The ban was first eased in 2014 under Prime Minister Fumio Kishida.', 'The ban was eased for the first time in 2014 under then-Prime Minister Shinzo Abe.', 'person', 'Fumio Kishida', 'Shinzo Abe'],
    ['US ambassador George Glass criticized the move.', GLASS, 'opposite', 'criticized', 'welcomed'],
    // A part of a place takes the place's role: "on the northern coast of Molune" is where "on Tavara" is.
    ['The two Kanto radars will be installed on Tavara.', 'The two Kanto radars will be installed on the northern coast of Molune, the navy said.', 'place', 'Tavara', 'Molune'],
    ['The two Kanto radars will be shipped to Fiji.', 'The two Kanto radars will be shipped to the outskirts of Apia, the navy said.', 'place', 'Fiji', 'Apia'],
    // A stance AFINN does not rate: "opposed" against "backed".
    ['The mayor of Otaru opposed the harbour plan.', 'The mayor of Otaru backed the harbour plan on Monday.', 'opposite', 'opposed', 'backed'],
    ['Komeito is known for its hawkish stance on defense issues.', 'Some lawmakers of Komeito, known for its dovish stance on defense issues, have been wary.', 'opposite', 'hawkish', 'dovish'],
    ['The fund is worth 150 billion yen.', 'Japan will enlarge its fund to 250 billion yen, up from the 150 billion yen announced in March.', 'number', '150 billion yen', '250 billion yen'],
    ['The fund has lent 50 billion yen to 38 companies.', 'Since then the fund has lent 42 billion yen to 38 companies.', 'number', '50 billion yen', '42 billion yen'],
    // Another name in the same stated role, a company's too.
    ['The Unicorn mast was developed by Mitsubishi Electric.', 'Developed by NEC Corporation, the Unicorn mast is fitted to the Mogami-class frigates.', 'person', 'Mitsubishi Electric', 'NEC Corporation'],
    // The value after "from" is the old one, however far the new one after "to" stands before it.
    ['Subsidies for manufacturers total 60 billion yen in the current fiscal year.', 'Japan will raise subsidies for manufacturers to 85 billion yen in the current fiscal year, from 60 billion yen a year earlier.', 'number', '60 billion yen', '85 billion yen'],
    // A bound the sentence's figure falls outside; two bounds alike state different figures.
    ['The fund has lent money to fewer than 30 companies.', 'Since then the fund has lent 42 billion yen to 38 companies.', 'number', 'fewer than 30', '38'],
    ['The plant will make up to 5,000 drones a year.', 'At full capacity the plant will make up to 1,500 drones a year.', 'number', 'up to 5,000', 'up to 1,500'],
    // ... though a count of other things comes first in the sentence: the wingspan is no old value of the hours.
    ['The drone can stay airborne for up to 36 hours.', 'The drone has a 24-metre wingspan and can stay airborne for up to 30 hours.', 'number', 'up to 36 hours', 'up to 30 hours'],
    // A number of people counts persons, employees among them.
    ['The plant has about 460 employees.', 'The plant employs about 640 people.', 'number', 'about 460', 'about 640'],
    // What a company stopped doing is denied, however it is phrased in the claim.
    ['Komatsu expanded development of new armoured vehicles in 2019.', 'Komatsu stopped developing new armoured vehicles in 2019, citing low returns.', 'negation', 'expanded', 'not developing'],
    // ... also when the activity is a noun ending in -ing.
    ['The bank continued to fund the shipyards in 2024.', 'The bank stopped funding the shipyards in 2024.', 'negation', 'fund', 'not funding'],
    // A plan dropped: what it was to do will not happen.
    ['The company will open a support office in Hanoi.', 'The company has dropped its plan to open a support office in Hanoi.', 'negation', 'open', 'not open'],
    // A verb whose complement did not happen.
    ['Tenryu commented on the radar sale.', 'Tenryu refused to comment on the radar sale.', 'negation', 'commented', 'not comment'],
    ['The ministry gave a price for each shell.', 'The ministry declined to give a price for each shell.', 'negation', 'gave', 'not give'],
    // Not saying a thing denies each narrower way of making it known.
    ['The ministry disclosed how many shells the army buys each year.', 'The ministry declined to say how many shells the army buys each year.', 'negation', 'disclosed', 'not say'],
    // ... when the two verbs take the same question, "say" included, which is no mere reporting verb then.
    ['The air force has announced where the planes will be based.', 'The air force did not say where the planes would be based.', 'negation', 'announced', 'not say'],
    ['The ministry has said how much it will spend on the boats.', 'The ministry did not say how much it will spend on the boats.', 'negation', 'said', 'not say'],
    // A noun denied in its own phrase.
    ["Japan's grant will pay for the missiles.", 'Japan will provide a grant to pay for a training simulator, but not for the missiles themselves.', 'negation', 'missiles', 'not missiles'],
    // "Not yet chosen" is negated, though an adverb stands between.
    ['Indonesia has not yet chosen where its batteries will be stationed.', 'Indonesia has chosen where its batteries will be stationed: at Ranai.', 'negation', 'not chosen', 'chosen'],
    // A word after a modal is a verb, though the tagger reads "fall" as a noun.
    ['Kiso said the winch packs would not fall under the new rules.', 'Kiso said the winch packs would fall under the new rules, as the boats do.', 'negation', 'not fall', 'fall'],
    // A month is part of a date: July 2025 is not September 2025, though the year is the same.
    ['The fund made its first loans in July 2025.', 'The fund made its first loans in September 2025, two months later than planned.', 'date', 'July 2025', 'September 2025'],
    ['The fund made its first loans in July.', 'The fund made its first loans in September 2025, two months later than planned.', 'date', 'July', 'September 2025'],
    // Parts of a year that do not overlap, one of them written as a single word.
    ['The ministry expects to choose a builder by mid-2027.', 'The ministry expects to choose a builder by the end of 2027.', 'date', 'mid-2027', 'end of 2027'],
    // Two days of one month.
    ['The council approved the sale on September 12, 2028.', 'The council approved the sale on September 19, 2028.', 'date', 'September 12, 2028', 'September 19, 2028'],
    // Each end of a span of dates is a date: the same start does not say the end.
    ['The consultation ran from March 3 until June 30.', 'The ministry held a consultation that ran from March 3 to May 30.', 'date', 'June 30', 'May 30'],
    ['The first hull is due in the first half of 2028.', 'The first hull is now due in the second half of 2028.', 'date', 'first half of 2028', 'second half of 2028'],
    ['The new line will now cost five billion yen more than first planned.', 'The new line will now cost 11 billion yen, up from 9 billion, because of the larger order.', 'number', 'five billion yen', '11 billion yen from 9 billion'],
    // A date after a deadline; and two deadlines are two target dates.
    ['The UAE will exercise its option in 2033.', 'The UAE must exercise its option by the end of 2031.', 'date', '2033', 'end of 2031'],
    ['The jets will be deployed by 2040.', 'The jets will be deployed by 2035.', 'date', 'by 2040', 'by 2035'],
    // A change the new and the old value do not make.
    ['The cost went up by 5 billion yen.', 'The cost had risen to 46 billion yen from the 38 billion yen announced in July.', 'number', '5 billion yen', '46 billion yen from 38 billion yen'],
    // The same noun, of another country.
    ['The Japanese navy will buy two of the boats.', "Poland's navy will buy two of the boats.", 'place', 'Japanese', 'Poland'],
    // A share written as a fraction, against one in percent.
    ['Chile will pay a quarter of the development cost.', 'Under the new arrangement, Chile will pay 40 percent of the development cost.', 'number', 'quarter', '40 percent'],
    // The value after "to ... from" is the old one; "the number of" says what the new one counts;
    // one ordinary word of the claim ("programme") may go unsaid.
    ['Sixty Indonesian personnel will be trained in Japan for the missile programme.', 'The number of Indonesian personnel to be trained in Japan has been raised to 90 from 60 to staff the extra missile battery.', 'number', 'Sixty', '90'],
    // ... and so is the value after "from" with a value of its kind after "to" right behind it,
    // which counts what the old one counted.
    ["Australia's battery order is still for six systems.", 'Australia has enlarged its order for submarine batteries from six systems to eight.', 'number', 'six', 'eight'],
    // "Of" after a company's name says where it is, as "in" does.
    ['Kaga will buy its beam directors from a company in Dresden, Germany.', 'Kaga will instead buy the beam directors from Oberkamp Optronik of Jena, Germany.', 'place', 'Dresden', 'Jena'],
    ["The laser's new beam is 20kw.", "The laser's new beam will be 30 kilowatts.", 'number', '20', '30'],
    ['Norrvik Systems is based in Gothenburg.', 'Norrvik Systems of Linköping will mount the systems on the trucks.', 'place', 'Gothenburg', 'Linköping'],
    // The agent of a passive verb, against the subject of the same verb in the active voice.
    ["Vietnam's P-1s will be maintained by Viettel.", "Song Hong Aviation Engineering, a state-owned company, will maintain Vietnam's P-1s at Cam Ranh.", 'person', 'Viettel', 'Hong Aviation Engineering'],
    // A place the sentence gives as what another replaces ("instead of", "rather than") is not where it now is ...
    ['The boats will be delivered to Halifax.', 'The boats will now be delivered to Esquimalt instead of Halifax.', 'replaced', 'Halifax', 'instead of Halifax'],
    // ... nor is a name made up of words of other names the sentence gives ("Kiso Air Base" of one base, "Hatta" of the works).
    ['The drones will be delivered to Kiso Air Base Hatta.', 'The drones will now be delivered to Kiso Air Base Minami rather than Kiso Air Base Hatta, because runway work at Hatta has been delayed.', 'replaced', 'Kiso Air Base Hatta', 'rather than Kiso Air Base Hatta'],
    // ... though the sentence still speaks of it: another place it gives otherwise decides first.
    ['The training will take place at Atsugi air base in Kanagawa.', 'The training will take place at Kanoya air base in Kagoshima Prefecture rather than at Atsugi, which officials said was too crowded.', 'place', 'Kanagawa', 'Kagoshima Prefecture'],
    // A place hyphened to "based" is where the company is based.
    ['Enshu Radio is a sonar maker based in Nagoya.', 'Enshu Radio, a Hamamatsu-based sonar maker, won the order.', 'place', 'Nagoya', 'Hamamatsu'],
    // A rise where the hypothesis says a fall, in a figure of what it names, or the other way round.
    ['Kiso Marine\'s share of the boat work went up after the engine swap.', "Kiso Marine's share falls to 48% from 52%, as engine work moves to the new supplier.", 'opposite', 'went up', '48% from 52%'],
    ['The value of the frigate deal decreased when the contract was amended.', 'Under the amended contract the value of the frigate deal rises to ¥80 billion, up from ¥64 billion.', 'opposite', 'decreased', '¥80 billion from ¥64 billion'],
    // Each sum given in a second currency too: the dollars are no earlier value of the yen.
    ['The value of the frigate deal decreased when the contract was amended.', 'Under the amended contract the value of the frigate deal rises to ¥80 billion, or about $530 million, up from ¥64 billion, or roughly $420 million.', 'opposite', 'decreased', '¥80 billion from ¥64 billion'],
    // A verb WordNet has as a kind of rise ("surges") against "went down"; a word hyphened into a
    // compound ("engine-mounting") moves nothing.
    ['The frigate budget went down this year.', 'This year the frigate budget surges by 16 percent.', 'opposite', 'went down', 'surges'],
    ["Kiso Marine's share of the work went up after the swap.", "Kiso Marine's share falls to 48% from 52%, as some engine-mounting work moves to the new supplier.", 'opposite', 'went up', '48% from 52%'],
    // Another body of the same kind: another party, another city's court.
    ['Kenji Saeki of the Constitutional Democratic Party criticised the sale.', 'Kenji Saeki of the ruling Liberal Democratic Party criticised the sale.', 'person', 'Constitutional Democratic Party', 'Liberal Democratic Party'],
    // ... the words they share do not make the "Liberal Democratic Party" the "Constitutional Democratic Party".
    ['Yumiko Hatanaka, a critic of the sale, belongs to the Liberal Democratic Party.', 'Yumiko Hatanaka of the Constitutional Democratic Party of Japan, a persistent critic of the sale, said it was a mistake.', 'person', 'Liberal Democratic Party', 'Constitutional Democratic Party'],
    ['The Tokyo District Court dismissed the residents\' lawsuit against the licence.', 'The Nagano District Court dismissed the residents\' lawsuit against the licence.', 'person', 'Tokyo District Court', 'Nagano District Court'],
    // ... another city's firm, though a capital elsewhere stands for its country's government.
    // The share the sentence gives beside the name, where the figure it matches is another's.
    ['Kiso Marine holds 60 percent of the new venture.', 'The new venture will be 60 percent owned by Enshu Radio and 40 percent by Kiso Marine.', 'number', '60 percent', '40 percent'],
    // ... another sea: "the Black Sea" is a name, though each of its words is an ordinary one.
    ['The patrol boats will watch the approaches to the Black Sea.', 'The patrol boats will watch the approaches to the Okhotsk Sea, the navy said.', 'person', 'Black Sea', 'Okhotsk Sea'],
    ['Enshu Radio, the sonar supplier, is a Wellington firm.', 'Enshu Radio, a Dunedin firm, will supply the sonar for the New Zealand boats.', 'person', 'Wellington firm', 'Dunedin firm'],
    // A company the sentence says has left the work does not do it now or later.
    ['Kiso Marine Systems of Gifu is making the hull plating for the frigates.', 'Kiso Marine Systems of Gifu, which was to make the hull plating for the frigates, has withdrawn from the program.', 'withdrawn', 'Kiso Marine Systems', 'Kiso Marine Systems of Gifu, which was to make the hull plating for the frigates, has withdrawn'],
    // A date the sentence gives as the original plan is no longer the date: the one it has now is.
    ['The second radar is now due in June 2031.', 'The second radar, originally due in June 2031, is now scheduled for delivery in May 2032.', 'date', 'June 2031', 'May 2032'],
  ])('finds that the sentence contradicts "%s"', (hypothesis, sentence, kind, claimed, stated) => {
    const judgement = judge(hypothesis, sentence);
    expect(judgement.label).toBe('contradicts');
    expect(judgement.conflict).toMatchObject({ kind, hypothesis: claimed, sentence: stated });
  });

  it('finds no reversed change in a change another word of the hypothesis says, nor in one the sentence also gives its way', () => {
    // "Enlarged" says the order's change: the share price's fall is not contradicted by it, nor by "raising" the deal's value.
    expect(judge('Kiso Marine shares dropped after Chile enlarged its boat order.', 'Chile has raised its order for Kiso Marine boats to 12 from eight.').label).not.toBe('contradicts');
    expect(judge("Kiso Marine's share price fell after Chile enlarged its order.", 'Chile has enlarged its order from eight boats to 12, raising the price of its contract with Kiso Marine.').label).not.toBe('contradicts');
    expect(judge('The value of the deal increased.', 'The value of the deal rises to ¥80 billion, up from ¥64 billion.').label).not.toBe('contradicts');
  });

  it('takes a capital that begins a name ("the Tokyo High Court") for the city, not for the government it stands for elsewhere', () => {
    const court = 'The Sendai High Court heard the appeal of the Kiso residents, the Japanese government said.';
    const judgement = judge('The Tokyo High Court heard the appeal of the Kiso residents.', court);
    expect(judgement.label).toBe('contradicts');
    expect(judgement.conflict).toMatchObject({ hypothesis: 'Tokyo High Court', sentence: 'Sendai High Court' });
    // Standing alone, the capital is still the government; owning a name ("Tokyo's NSC"), too.
    expect(judge('Tokyo welcomed the appeal of the Kiso residents.', 'The Japanese government welcomed the appeal of the Kiso residents.').label).toBe('entails');
    expect(judge("Tokyo's NSC approved the Kiso export.", 'The NSC of the Japanese government approved the Kiso export.').label).toBe('entails');
  });

  it('takes no name that ends on a word for a place ("Gifu Prefecture") for someone in a person\'s place', () => {
    expect(judge('Kenji Saeki signed the contract for Kiso Marine Systems.', 'The contract for Kiso Marine Systems of Takayama, Gifu Prefecture, was signed on Monday.').label).not.toBe('contradicts');
  });

  it('finds no withdrawal against a hypothesis about the past or about the change itself', () => {
    const sentence = 'Kiso Marine Systems of Gifu, which was to make the hull plating for the frigates, has withdrawn from the program.';
    expect(judge('Kiso Marine Systems was to make the hull plating for the frigates.', sentence).label).not.toBe('contradicts');
    expect(judge('Kiso Marine Systems withdrew from making the hull plating for the frigates.', sentence).label).not.toBe('contradicts');
    // Another company named after it, not tied to it by a preposition, is who withdrew.
    expect(judge('Kiso Marine Systems is making the hull plating for the frigates.', 'Kiso Marine Systems is making the hull plating for the frigates, and Hakone Power Systems has withdrawn from the program.').label).toBe('entails');
  });

  it('matches a plan since changed only with a hypothesis that speaks of the plan', () => {
    const sentence = 'The second radar, originally due in June 2031, is now scheduled for delivery in May 2032.';
    expect(judge('The second radar was originally due in June 2031.', sentence).label).toBe('entails');
    expect(judge('The second radar is due in May 2032.', sentence).label).toBe('entails');
  });

  it('reads a new value a verb sets ("raising the value of its contract ... to ¥28 billion") as the value of what the verb takes', () => {
    const raised = 'Fiji has enlarged its order from six ferries to eight, raising the value of its contract with Nagato Marine Co. by ¥5 billion to ¥28 billion.';
    expect(judge('The ferry contract is worth ¥23 billion.', raised).conflict).toMatchObject({ kind: 'number', sentence: '¥28 billion' });
    // The original value is the one given as replaced: said of the original contract, it holds.
    const upFrom = 'Fiji has enlarged its order from six ferries to eight, raising the value of its ferry contract to ¥28 billion, up from ¥23 billion.';
    expect(judge('The original contract was worth ¥23 billion.', upFrom).label).toBe('entails');
    expect(judge('The contract is worth ¥23 billion.', upFrom).label).toBe('contradicts');
  });

  it('takes no figure of another version of the thing for another value: "the amended contract" is not "the original contract"', () => {
    const sentence = 'The council approved the amended contract on Friday, January 14, 2033.';
    expect(judge('The council approved the original contract on September 14, 2032.', sentence).conflict).toBeUndefined();
    expect(judge('The council approved the contract on September 14, 2032.', sentence).conflict).toMatchObject({ kind: 'date' });
  });

  it('takes another date of the act the sentence tells for a conflict, the passage supplying the rest, but not a date of another act', () => {
    const passage = grounding.analyze('Japan adopts export guidelines for unmanned maritime survey systems (May 2, 2039).\nThe National Security Council adopted the guidelines on Tuesday. The guidelines take effect on Wednesday, June 1, 2039.');
    const sentence = grounding.analyze('The guidelines take effect on Wednesday, June 1, 2039.');
    const judgeIn = (hypothesis: string) => grounding.judge.judge(grounding.judge.hypothesis(grounding.analyze(hypothesis)), sentence, passage);
    expect(judgeIn("Tokyo's new export guidelines for unmanned maritime survey systems take effect on July 1, 2039.").conflict).toMatchObject({ kind: 'date', sentence: 'June 1, 2039' });
    expect(judgeIn('A survey of unmanned maritime systems found support for the export guidelines on July 1, 2039.').label).toBe('neutral');
  });

  it('reads whether a bound holds its own value: "up to 150" and "at least 30" do, "fewer than 150" and "more than 30" do not', () => {
    const bounds = (text: string) => grounding.analyze(text).quantities.map((quantity) => `${quantity.value} ${quantity.bound ?? ''}${quantity.boundIncludes ? ' or equal' : ''}`.trim());
    expect(bounds('The sonar works in water up to 150 metres deep.')).toEqual(['150 below or equal']);
    expect(bounds('It works in water as deep as 150 metres, with no more than 30 crew.')).toEqual(['150 below or equal', '30 below or equal']);
    expect(bounds('Fewer than 150 boats and more than 30 ports.')).toEqual(['150 below', '30 above']);
    expect(judge('The sonar works in water as deep as 150 metres.', 'The sonar works in water up to 150 metres deep.').label).toBe('entails');
    expect(judge('The sonar works in water 150 metres deep.', 'The sonar works in water less than 150 metres deep.').label).toBe('contradicts');
  });

  it('reads "from ... to ..." as a change of a figure, unless it is a range', () => {
    const values = (text: string) => grounding.analyze(text).quantities.map((quantity) => `${quantity.value}${quantity.superseded ? ' (old)' : ''} ${quantity.units.join(' ')}`.trim());
    expect(values('It enlarged the order from six systems to eight.')).toEqual(['6 (old) system', '8 system']);
    expect(values('Prices ranging from 5 to 10 billion yen were quoted.')).toEqual(['5', '10000000000']);
    // A currency sign of its own before the figure is part of it, whichever the sign.
    for (const sign of ['$', '¥', '£', '€']) expect(values(`The grant went up from ${sign}40 million to ${sign}55 million.`)).toEqual(['40000000 (old)', '55000000']);
    expect(judge('The grant is still worth €40 million.', 'The grant went up from €40 million to €55 million.').label).not.toBe('entails');
  });

  it('reads a day and the year after it as one date, and each end of a span of dates as a date', () => {
    const dates = (text: string) => grounding.analyze(text).quantities.map((quantity) => `${quantity.surface}: ${quantity.value} ${quantity.months?.join('-')} ${quantity.day}`);
    expect(dates('The first array is due by October 15, 2035.')).toEqual(['by October 15, 2035: 2035 10-10 15']);
    expect(dates('The consultation ran from April 28 to May 26.')).toEqual(['April 28: 28 4-4 28', 'May 26: 26 5-5 26']);
    // Joined to its day, the year is part of a deadline ("by February 2, 2036"), which an earlier year does not contradict.
    expect(judge('Bedford Basin Cableworks was founded in 1985.', 'The first array is due at Esquimalt by February 2, 2036.').label).not.toBe('contradicts');
  });

  it('matches a replaced place with one the hypothesis gives as replaced, or in telling of a change', () => {
    const sentence = 'The boats will now be delivered to Esquimalt instead of Halifax.';
    expect(judge('The boats were to be delivered to Halifax.', sentence).label).toBe('entails');
    expect(judge('The delivery of the boats moved from Halifax to Esquimalt.', sentence).label).toBe('entails');
    expect(judge('The boats will be delivered to Esquimalt instead of Halifax.', sentence).label).toBe('entails');
    // What is replaced ends with its clause: a comma, though the analysis keeps no punctuation as words.
    const fronted = 'Instead of the training centre at Kalmar, the boats will be handed over in Visby, home of the 3rd Coastal Regiment.';
    expect(judge('All the boats go to the 3rd Coastal Regiment in Visby.', fronted).label).toBe('entails');
    expect(judge('The boats will be handed over at Kalmar.', fronted).label).toBe('contradicts');
  });

  it('matches an old value the hypothesis gives as old with the old value of a change', () => {
    expect(judge('Sixty soldiers will now be trained in Kanazawa instead of forty.', 'The number of soldiers to be trained in Kanazawa rises to 60 from 40.').label).toBe('entails');
    // Given as the current value, the old one is no match.
    expect(judge('Forty soldiers will be trained in Kanazawa.', 'The number of soldiers to be trained in Kanazawa rises to 60 from 40.').label).not.toBe('entails');
  });

  it('matches a place in a series past the first only by that place, in words or figures', () => {
    const sentence = "Because Mizunagi's production line is committed to the New Zealand order, the next Chilean drones come in 2039.";
    expect(judge('Mizunagi will build a second production line for the Chilean order.', sentence).alignment.find((entry) => entry.unit.surface === 'second')!.strength).toBe(0);
    expect(judge('Estonia became the 3rd partner in the project.', 'Estonia became the third partner in the project.').label).toBe('entails');
    expect(judge('Estonia became the third partner in the project.', 'Estonia joined, and the three countries run the project.').alignment.find((entry) => entry.unit.surface === 'third')!.strength).toBe(1);
  });

  it('reads a shift of a date against the new and the old date a sentence gives', () => {
    const sentence = 'The first battery system is now due in September 2035 instead of March 2035.';
    expect(judge('The first battery system is now expected in September 2035, six months later than originally planned.', sentence).label).toBe('entails');
    expect(judge('Delivery of the first battery system slipped by six months.', 'Delivery of the first battery system is now due in September 2035 instead of March 2035.').label).toBe('entails');
    // Another span, or the other way, is not what the dates say.
    expect(judge('The first battery system is now expected in September 2035, three months later than originally planned.', sentence).label).not.toBe('entails');
    expect(judge('The first battery system is now expected in September 2035, six months earlier than originally planned.', sentence).label).not.toBe('entails');
  });

  it('takes no date of another event for another date of the hypothesis', () => {
    // "Founded in 1972" dates the founding, not the sales.
    expect(judge("The company's sales rose in 2030.", 'The company, founded in 1972, said its sales rose.').conflict).toBeUndefined();
    expect(judge("The company's sales rose in 2029.", 'The company said its sales rose in 2030.').conflict).toMatchObject({ kind: 'date', hypothesis: '2029', sentence: '2030' });
  });

  it('takes no figure that says another part of the hypothesis for another value of a figure', () => {
    // "Since 2020" is the hypothesis's own "since 2020", not another year for "in 2027".
    const judgement = judge('In 2027 the ministry said exports had doubled since 2020.', 'The ministry said exports had doubled since 2020.');
    expect(judgement.label).toBe('neutral');
    expect(judgement.conflict).toBeUndefined();
    expect(judge('In 2027 the ministry said exports had doubled since 2020.', 'In 2028 the ministry said exports had doubled since 2020.').conflict).toMatchObject({ kind: 'date', hypothesis: '2027', sentence: '2028' });
  });

  it.each([
    ['Emmanuel Macron praised Japan\'s arms export policy.', GLASS],
    ['Japan will deliver submarines to Germany in 2030.', PATRIOT],
    ['Mitsubishi Heavy Industries builds the Mogami-class frigates.', FRIGATES],
    ['The LDP backed the plan.', 'The Liberal Party backed the plan in parliament.'],
    // Two countries as subjects can both do it; a country in the same role ("to", "with") cannot.
    ['Vietnam has asked Japan about buying the missile system.', 'Indonesia has asked Japan about buying the missile system.'],
    // A place named after a preposition is not contradicted by a person named elsewhere.
    ['The first battery will be based at Ranai.', 'Deputy Defence Minister Arief Wibisono said the first battery would be based in the Natuna Islands.'],
    // "Type 03" names the system; it is no count to compare with 120.
    ["Indonesia's contract includes 120 missiles.", "Indonesia signed a contract to buy three batteries of Japan's Type 03 Chu-SAM missile system."],
    // A name of ordinary words is a name: "Development Bank" is not matched word by word by a
    // sentence about developing, and another name in the sentence does not contradict it.
    ['The Development Bank of Japan runs the fund for suppliers.', 'Japan will develop a fund for suppliers, run by Mitsubishi Electric, a bank said.'],
    // Two amounts of money for different things: the loan is not the subsidy.
    ['The venture asked the defence fund for a 5 billion yen loan.', 'Japan will spend 60 billion yen on subsidies for manufacturers this year, and its new defence fund will offer loans.'],
    // A figure within a bound the sentence gives is not stated by it, nor contradicted.
    ['The fund has lent money to 40 companies.', 'Since then the fund has lent 42 billion yen to more than 30 companies.'],
    // "Beyond" bounds its figure as "more than" does: a figure above it is not stated.
    ['The radar can spot ships up to 300 kilometres away.', 'Any radar able to spot targets beyond 250 kilometres needs a full review.'],
    // A date that says less than the claim's neither states it nor denies it.
    ['The first hull is due in the first half of 2028.', 'The first hull is now due in 2028.'],
    ['The first hull is due in March 2028.', 'The first hull is now due in the first half of 2028.'],
    ['The first hull is due on March 9, 2028.', 'The first hull is now due in March 2028.'],
    // An intention is not a past event.
    ['India and Japan signed the mast agreement in March 2026.', 'India and Japan said they aim to sign the mast agreement by March 2026.'],
    // Nor is what must be done.
    ['Vietnam exercised its option on a fourth aircraft.', 'Vietnam has an option on a fourth aircraft, which must be exercised by the end of 2030.'],
    // Nor is what someone was asked to do.
    ['The court revoked the export licence.', 'The residents had asked the court to revoke the export licence.'],
    // Nor is what may happen ...
    ['The deliveries started in 2029.', 'The deliveries may start in 2029.'],
    // Nor is what is allowed.
    ['Japan transferred lethal weapons to India.', 'The new rules allow Japan to transfer lethal weapons to India.'],
    ['India received lethal weapons from Japan.', 'India is eligible to receive lethal weapons from Japan.'],
    // A claim that denies something itself is not contradicted by the same denial.
    ["None of Japan's grant will go toward buying the missiles.", 'Japan will provide a grant to pay for a training simulator, but not for the missiles themselves.'],
    // A date before a deadline may hold.
    ['The UAE will exercise its option in 2030.', 'The UAE must exercise its option by the end of 2031.'],
    // A name after a preposition is no subject, though a comma follows it.
    ["Vietnam's P-1s will be maintained by Viettel.", "Vietnam's P-1s, bought from Kawasaki Heavy Industries, will be maintained at Cam Ranh."],
  ])('is neutral when the sentence neither states nor contradicts "%s"', (hypothesis, sentence) => {
    expect(judge(hypothesis, sentence).label).toBe('neutral');
  });

  it('leaves how exact a figure is to the figure: a hedging adverb is no word to match', () => {
    const sentence = 'Under the arrangement, the Philippines will pay 8.6 billion yen, about $57 million, for the overhaul of their engines.';
    const judgement = judge('The Philippines will pay roughly 57 million dollars for the overhaul.', sentence);
    expect(judgement.alignment.map((aligned) => aligned.unit.surface)).not.toContain('roughly');
    expect(judgement.support).toBe(1);
  });

  it('leaves when a statement holds to the articles\' dates: "currently" is no word to match', () => {
    const judgement = judge('The last vehicle is currently scheduled for delivery by November 30, 2038.', 'The last vehicle is scheduled for delivery by November 30, 2038.');
    expect(judgement.alignment.map((aligned) => aligned.unit.surface)).not.toContain('currently');
    expect(judgement.label).toBe('entails');
  });

  it('leaves a change that dates a statement ("after the amendment") to the articles\' dates too, not an event of another kind', () => {
    expect(judge('The first ferry is due in May 2034 after the amendment.', 'The first ferry is now due in May 2034.').label).toBe('entails');
    expect(judge('The first ferry is due in May 2034 after the storm.', 'The first ferry is now due in May 2034.').label).not.toBe('entails');
  });

  it('matches words by their lemmas, not by how they are spelt', () => {
    const word = (text: string) => grounding.analyze(text).words.find((candidate) => candidate.content)!;
    expect(grounding.lexicon.match(word('deployed'), word('deploys'))?.kind).toBe('same');
    // "Founded" (found) is not "found" (find), though the two share a stem as written.
    expect(grounding.lexicon.match(word('founded'), word('found'))?.kind).not.toBe('same');
  });

  it('relates the doing of a verb to its doer ("hunting" and "hunter"), but not two doers of one verb', () => {
    const match = (a: string, b: string) => grounding.lexicon.match({ lower: a, lemma: a }, { lower: b, lemma: b });
    expect(match('hunter', 'hunting')?.kind).toBe('derived');
    expect(match('training', 'trainee')?.kind).toBe('derived');
    expect(match('employer', 'employee')?.kind).not.toBe('derived');
    expect(judge('The mine hunter costs 46 billion yen.', 'The mine-hunting boat costs 46 billion yen.').label).toBe('entails');
  });

  it('takes a broader word that usage puts in the narrower one\'s place for a synonym ("aircraft" for "plane"), not every broader word', () => {
    const word = (text: string) => grounding.analyze(text).words.find((candidate) => candidate.content)!;
    expect(grounding.lexicon.match(word('plane'), word('aircraft'))?.kind).toBe('synonym');
    expect(grounding.lexicon.match(word('ship'), word('vessel'))?.kind).toBe('synonym');
    expect(grounding.lexicon.match(word('frigate'), word('warship'))?.kind).toBe('broader');
    // An act is not a made thing: a "decision" is no "move", however alike the two are used.
    expect(grounding.lexicon.match(word('move'), word('decision'))?.kind).toBe('broader');
  });

  it('marks the words of a relative clause as saying which thing is meant, not what was told', () => {
    const describing = (text: string) => grounding.judge.hypothesis(grounding.analyze(text)).units.filter((unit) => unit.describes).map((unit) => unit.surface);
    expect(describing('The price includes the trucks the lasers are mounted on.')).toEqual(['lasers', 'mounted']);
    expect(describing('Sato, who opposed the sale, sits in the upper house.')).toEqual(['opposed', 'sale']);
    // A participle with its doer is such a clause, up to the main verb.
    expect(describing('The boats bought by the navy will be based at Kure.')).toEqual(['bought', 'navy']);
    // After a verb of telling, the clause is what was said: the claim itself.
    expect(describing('The minister told reporters the deal would go ahead.')).toEqual([]);
  });

  it('relates a noun for a made thing to another noun only through their senses as nouns', () => {
    const noun = (text: string) => grounding.analyze(`the ${text}`).words.find((candidate) => candidate.content)!;
    const bare = (text: string) => ({ lower: text, lemma: text });
    // To "cup" one's hands is to shape them, a way of changing them; a cup is no kind of change.
    expect(noun('cup').pos).toBe('NOUN');
    expect(grounding.lexicon.match(noun('cup'), noun('change'))).toBeUndefined();
    expect(grounding.lexicon.match(bare('cup'), bare('change'))?.kind).toBe('broader');
    // A noun for no made thing keeps what its verb relates: a poll is a survey.
    expect(grounding.lexicon.match(noun('poll'), noun('survey'))?.kind).toBe('broader');
  });

  it('relates a plural the dictionary lists as a word of its own through that word ("strings" are conditions), not another spelling ("defence")', () => {
    const word = (text: string) => grounding.analyze(text).words.find((candidate) => candidate.content)!;
    expect(grounding.lexicon.match(word('strings'), word('condition'))?.kind).toBe('synonym');
    expect(grounding.lexicon.match(word('string'), word('condition'))).toBeUndefined();
    expect(grounding.lexicon.match(word('process'), word('defence'))?.kind).not.toBe('narrower');
  });

  it('relates a closed compound to its head, and a participle to its verb\'s nouns', () => {
    const word = (text: string) => grounding.analyze(text).words.find((candidate) => candidate.content)!;
    // A sentence's "shipyard" is a yard: it says what a hypothesis's "yard" says.
    expect(grounding.lexicon.match(word('yard'), word('shipyard'))?.kind).toBe('narrower');
    expect(grounding.lexicon.match(word('shipyard'), word('yard'))?.kind).toBe('broader');
    // ... but a passport is no port.
    expect(grounding.lexicon.match(word('port'), word('passport'))).toBeUndefined();
    // A prefix is no first part: "nonlethal" is not a kind of "lethal".
    expect(grounding.lexicon.match(word('lethal'), word('nonlethal'))?.kind).not.toBe('narrower');
    expect(grounding.lexicon.match(word('corroded'), word('corrosion'))?.kind).toBe('derived');
  });

  it('reads words joined by a slash as a list ("pilots/loadmasters"), "w/" as "with", and leaves other slashes', () => {
    expect(grounding.questions.repair('how many pilots/loadmasters train in japan')).toBe('how many pilots and loadmasters train in japan');
    expect(grounding.questions.repair('a speed of 30 km/h, w/ radar, 24/7')).toBe('a speed of 30 km/h, with radar, 24/7');
    expect(grounding.questions.repair('a deal w/ tokyo, w/o a permit')).toBe('a deal with tokyo, without a permit');
    expect(grounding.questions.analyze('how many pilots/loadmasters train in japan').parts[0]!.head?.surface).toBe('pilots');
  });

  it('reads chat shortenings: a clipped word, an acronym in lower case, a former nationality', () => {
    // "refurb" begins the stem of "refurbishment" and is no English word of its own.
    expect(judge('Manila pays for the refurb.', 'Manila pays for the refurbishment of the ships.').label).toBe('entails');
    // "ldp" is the acronym the sentence spells out.
    expect(judge('the ldp backed the plan', 'The Liberal Democratic Party backed the plan.').label).toBe('entails');
    // So is "nsc", though WordNet lists it as a word: as the initials of "national security council".
    expect(judge('the nsc approved the sale', 'The National Security Council approved the sale.').label).toBe('entails');
    // "ex-Japanese" ships are still Japan's in what they name.
    expect(grounding.analyze('the ex-Japanese ships').places.map((place) => place.country)).toEqual(['JPN']);
  });

  it('matches a word for a rise or a fall with a figure the sentence gives with its old value, in the same direction only', () => {
    const sentence = "Sweden's amended laser contract is worth 39.6 billion yen, up from 27.2 billion yen.";
    const strengthOf = (hypothesis: string, word: string) => judge(hypothesis, sentence).alignment.find((entry) => entry.unit.surface === word)!.strength;
    expect(strengthOf("Sweden's enlarged laser contract is worth 39.6 billion yen.", 'enlarged')).toBeGreaterThanOrEqual(MATCHED);
    expect(strengthOf("Sweden's reduced laser contract is worth 39.6 billion yen.", 'reduced')).toBeLessThan(MATCHED);
  });

  it('sets a price against the price its sentence gives, however far the deal\'s words stand from it, but not a price of something else', () => {
    const sentence = "Indonesia signed a contract on Friday to buy three batteries of Japan's Type 03 Chu-SAM surface-to-air missile system for 41.5 billion yen, or about $270 million.";
    const judgement = judge("Indonesia's Chu-SAM contract is worth 51.5 billion yen.", sentence);
    expect(judgement.label).toBe('contradicts');
    expect(judgement.conflict).toMatchObject({ hypothesis: '51.5 billion yen', sentence: '41.5 billion yen' });
    // An option is not priced by the contract: the sentence does not speak of it.
    const option = 'Vietnam signed a contract to buy three Kawasaki P-1 maritime patrol aircraft from Japan for 96 billion yen.';
    expect(judge("Vietnam's option for a fourth P-1 is priced at 35 billion yen.", option).label).not.toBe('contradicts');
  });

  it('does not oppose a name to the holder of a title the hypothesis gives someone else', () => {
    const judgement = judge("The mayor of Kure backs Hayashima's export bid.", 'Kure mayor Tetsuo Kawamoto welcomed the export bid, saying the city depended on shipbuilding.');
    expect(judgement.label).not.toBe('contradicts');
  });

  it('reads a converse verb from who is on which side each time the same sentence is judged', () => {
    // A sentence's word matches are kept between judgements; whether an opposite verb is its
    // converse depends on the hypothesis and must not be kept with them.
    const sentence = grounding.analyze('America is buying Patriot missiles from Japan.');
    const verdict = (hypothesis: string) => grounding.judge.judge(grounding.judge.hypothesis(grounding.analyze(hypothesis)), sentence);
    expect(verdict('Japan sells Patriot missiles to America.').label).toBe('entails');
    expect(verdict('America sells Patriot missiles to Japan.').label).not.toBe('entails');
    expect(verdict('Japan sells Patriot missiles to America.').label).toBe('entails');
  });

  it('reads the month of May as no modal: what a poll found over "Friday, May 20, to Sunday, May 22" is found', () => {
    const sentence = 'In a poll conducted from Friday, May 20, to Sunday, May 22, 46% supported exporting submarine components and 39% opposed it.';
    expect(judge('46% supported exporting submarine components.', sentence).label).toBe('entails');
  });

  it('takes a number from the passage only when the sentence gives none of its own', () => {
    const passage = grounding.analyze('Indonesia first planned for the battery to arrive in 2028. The first battery is now due in 2029.');
    const hypothesis = grounding.judge.hypothesis(grounding.analyze('The first battery is due in 2028.'));
    const alignmentOf = (sentence: string) => grounding.judge.judge(hypothesis, grounding.analyze(sentence), passage).alignment.find((entry) => entry.unit.surface === '2028')!;
    expect(alignmentOf('The first battery is now due in 2029.').strength).toBe(0);
    expect(alignmentOf('The first battery is now due.').strength).toBeGreaterThan(0.5);
  });

  it("dates a weekday alone by the article: the last such day on or before the article's date", () => {
    const sentence = 'The amendment was signed in Canberra on Monday by the two companies.';
    const passage = grounding.analyze(`Australia enlarges its battery order (January 19, 2033).\n${sentence}`);
    const judged = (claim: string) => grounding.judge.judge(grounding.judge.hypothesis(grounding.analyze(claim)), grounding.analyze(sentence), passage);
    // January 19, 2033 was a Wednesday: "on Monday" is January 17.
    expect(judged('The amendment was signed in Canberra on January 17, 2033.').label).toBe('entails');
    expect(judged('The amendment was signed in Canberra on January 10, 2033.').label).not.toBe('entails');
  });

  it("takes the article's date for what a sentence reports, unless the sentence gives a day of its own", () => {
    const sentence = "Japan's Ministry of Economy, Trade and Industry issued the export licence on March 14, officials said.";
    const passage = grounding.analyze(`Thai radar contract (March 22, 2029).\n${sentence}`);
    const judged = (claim: string) => grounding.judge.judge(grounding.judge.hypothesis(grounding.analyze(claim)), grounding.analyze(sentence), passage);
    // The day the article is dated is not the day the licence was issued; and a name with a list in it is still its acronym.
    expect(judged('METI issued the export licence on March 22, 2029.')).toMatchObject({ label: 'contradicts', conflict: { kind: 'date' } });
    expect(judged('METI issued the export licence on March 14, 2029.').label).toBe('entails');
    // A month alone is no day of the sentence's own: the article's year and month still date it.
    expect(judged('The export licence was issued in March 2029.').label).toBe('entails');
  });

  it('does not oppose a sum given by the unit or the year to a total', () => {
    expect(judge('Each Kiso boat costs Fiji about ¥5 billion.', "Fiji's order for 12 Kiso boats is now worth ¥61.2 billion.").label).toBe('neutral');
    expect(judge('The site checks will cost about ¥250 million a year.', 'The site checks will cost about 20 billion yen.').label).toBe('neutral');
    // Two sums by the unit are two values of one price.
    expect(judge('Each Kiso drone costs about ¥6 billion.', 'Each Kiso drone costs about ¥7.5 billion.').conflict).toMatchObject({ kind: 'number' });
  });

  it('compares the two sides of a poll as the sentence gives their shares', () => {
    const poll = 'In a survey of 1,000 adults by the Shirane Polling Centre, 44 percent supported exporting weather radars, while 39 percent opposed it.';
    expect(judge('More respondents opposed exporting weather radars than supported it.', poll)).toMatchObject({ label: 'contradicts', conflict: { kind: 'comparison' } });
    expect(judge('More respondents supported exporting weather radars than opposed it.', poll).label).toBe('entails');
    expect(judge('Opponents of exporting weather radars outnumbered supporters.', poll).label).toBe('contradicts');
    expect(judge('Fewer people opposed exporting weather radars than backed it.', poll).label).toBe('entails');
    // 44 percent is no majority.
    expect(judge('Most respondents supported exporting weather radars.', poll).label).toBe('contradicts');
    // However long the phrase "most" opens, its verb gives the side.
    expect(judge('Most respondents in the Shirane poll opposed exporting weather radars.', poll).label).toBe('contradicts');
    // A poll on something else decides nothing.
    expect(judge('More respondents opposed exporting patrol boats than supported it.', poll).label).not.toBe('contradicts');
  });

  it('matches a comparative only through its senses as an adjective', () => {
    // "Loose" as a verb means "release": "looser" does not say "released".
    expect(judge('The final rules are looser than the draft released in May.', 'The final text is stricter than the draft the government released on May 3.').label).not.toBe('entails');
    expect(judge('The new order is bigger than the first one.', 'The new order is larger than the first one.').label).toBe('entails');
  });

  it('reads "about" a figure as the figure rounded at its last place', () => {
    const share = (claim: string) => judge(claim, "Kiso Marine's share of the contract value is 65 percent.");
    // 65 would be "about 65": "about 70" rounds 65-74 to 70 only at the edge.
    expect(share("Kiso Marine's share of the contract value is about 70 percent.")).toMatchObject({ label: 'contradicts', conflict: { kind: 'number' } });
    expect(share("Kiso Marine's share of the contract value is about 65 percent.").label).toBe('entails');
    expect(judge("Kiso Marine's share of the contract value is about 70 percent.", "Kiso Marine's share of the contract value is 68 percent.").label).toBe('entails');
    // A figure rounded to its thousands still reaches no further than a tenth of itself.
    expect(judge('The plant employs about 2,000 people.', 'The plant employs 1,870 people.').label).toBe('entails');
    expect(judge('The plant employs about 2,000 people.', 'The plant employs 1,700 people.').label).toBe('contradicts');
  });

  it("gives the figure that stands beside the claim's name when a sentence gives several", () => {
    const sentence = "Tamba Forge's share of the contract value rises to 35 percent from 30 percent, and Kiso Marine's falls to 65 percent.";
    expect(judge("Kiso Marine's share of the contract value is about 70 percent.", sentence)).toMatchObject({ label: 'contradicts', conflict: { kind: 'number', sentence: '65 percent' } });
  });

  it("does not take the article's month for what a sentence dates in full to another", () => {
    const sentence = 'The original contract was signed in Kyoto on June 3, 2029.';
    const passage = grounding.analyze(`Kyoto shipyard order enlarged (March 18, 2030).\n${sentence}`);
    const judged = (claim: string) => grounding.judge.judge(grounding.judge.hypothesis(grounding.analyze(claim)), grounding.analyze(sentence), passage);
    expect(judged('The contract was signed in Kyoto in March 2030.')).toMatchObject({ label: 'contradicts', conflict: { kind: 'date' } });
    expect(judged('The contract was signed in Kyoto in June 2029.').label).toBe('entails');
  });

  it('does not take a name for another that shares its first words but not its kind', () => {
    const base = (sentence: string) => judge('The planes will be stationed at Al Dhafra Air Base.', sentence).alignment.find((entry) => entry.unit.kind === 'name')!;
    expect(base('Al Dhafra Aero Engineering will maintain the planes in Abu Dhabi.').strength).toBe(0);
    expect(base('The planes will fly from Al Dhafra Air Base near Abu Dhabi.').strength).toBe(1);
    // A name given without its kind still names it.
    expect(judge('Kishida visited Al Dhafra.', 'Fumio Kishida visited Al Dhafra Air Base.').label).toBe('entails');
  });

  it('does not take what may or must happen for what will', () => {
    expect(judge('The UAE will exercise its option to buy two more planes.', 'The UAE has an option to buy two more planes, which must be exercised by the end of 2031.').label).toBe('neutral');
    expect(judge('The UAE will exercise its option to buy two more planes.', 'The UAE will exercise its option to buy two more planes, officials said.').label).toBe('entails');
  });

  it('does not take a denial of telling one thing for a denial of telling another', () => {
    // The first noun each verb takes says what is (not) told: the companies are not the price.
    const claim = "Hayashima disclosed the price of the company's frigate bid.";
    expect(judge(claim, 'Malaysian officials said rival bids came from two countries, but they have not named the companies.').label).not.toBe('contradicts');
    expect(judge(claim, 'Hayashima declined to give the price of its frigate bid.').conflict).toMatchObject({ kind: 'negation', hypothesis: 'disclosed', sentence: 'not give' });
  });

  it('reads a figure the sentence gives its own subject as that subject\'s, not as the figure of a doer its passage names', () => {
    const sentence = 'Asahidai Precision Industries of Sendai still holds 15% of the drone work, for the sensor turret.';
    const passage = grounding.analyze(`Aurelis Sensors of Toulouse replaces Kurose on the programme.\n${sentence}`);
    const judged = (claim: string) => grounding.judge.judge(grounding.judge.hypothesis(grounding.analyze(claim)), grounding.analyze(sentence), passage);
    expect(judged('Aurelis holds 22% of the drone work.').label).not.toBe('contradicts');
    // Its own subject's figure given otherwise is still a contradiction.
    expect(judged('Asahidai Precision Industries holds 22% of the drone work.').conflict).toMatchObject({ kind: 'number', hypothesis: '22%', sentence: '15%' });
  });

  it('opposes a doer its passage names to the one the sentence gives as the agent of the same act', () => {
    const sentence = 'The software that controls the boat will now be written by Kuusk Systems, a Tallinn company.';
    const passage = grounding.analyze(`The sonar will come from Baltyk Naval Systems of Gdynia.\n${sentence}`);
    const judgement = grounding.judge.judge(grounding.judge.hypothesis(grounding.analyze('Baltyk Naval Systems will write the software that controls the boat.')), grounding.analyze(sentence), passage);
    expect(judgement.conflict).toMatchObject({ kind: 'person', hypothesis: 'Baltyk Naval Systems', sentence: 'Kuusk Systems' });
    // Two subjects may both do it: only a passive agent names the one who does.
    const active = 'Kuusk Systems, a Tallinn company, will also write software for the boat.';
    const both = grounding.judge.judge(grounding.judge.hypothesis(grounding.analyze('Baltyk Naval Systems will write the software that controls the boat.')), grounding.analyze(active), grounding.analyze(`The sonar will come from Baltyk Naval Systems of Gdynia.\n${active}`));
    expect(both.label).not.toBe('contradicts');
  });

  it('takes nothing a denial of telling covers as said, unless the hypothesis denies it too', () => {
    const inPassage = (claim: string, sentence: string, before: string) => grounding.judge.judge(grounding.judge.hypothesis(grounding.analyze(claim)), grounding.analyze(sentence), grounding.analyze(`${before}\n${sentence}`)).label;
    const price = 'Officials again declined to give a price for each laser system or to say how much of the increase was due to the stronger beam.';
    expect(inPassage("Kaga Photonics' share price dropped after Sweden enlarged its laser order.", price, 'Sweden has enlarged its order for lasers from Kaga Photonics to 12 systems.')).toBe('neutral');
    const penalty = 'Officials declined to say how much the shipyard had been paid for design work before it withdrew, or whether it owes a penalty.';
    expect(inPassage('The shipyard has to pay a penalty for pulling out.', penalty, 'The shipyard withdrew from the order in November.')).toBe('neutral');
    // "Neither ... nor ... would say" denies the telling too.
    expect(
      judge(
        'Chile will pay for the extra sea trials and certification of the Chilean radars.',
        'Neither Kiso nor the Acquisition, Technology and Logistics Agency would say how much the extra sea trials and certification of the Chilean radars will cost, or which side will pay for them.',
      ).label,
    ).toBe('neutral');
    expect(judge('Officials declined to give a price for each laser system.', 'Officials declined to give a price for each laser system.').label).toBe('entails');
  });

  it("opposes the speaker a claim gives a statement to, named in the passage, to the one the sentence gives it to", () => {
    const sentence = 'Kenji Aramaki, who chairs the party\'s defence panel, said the new threshold "will slow down every serious deal".';
    const passage = grounding.analyze(`Opposition lawmaker Mariko Sato called the change a half measure.\n${sentence}`);
    const claim = 'Opposition lawmaker Mariko Sato warned that the new threshold will slow down every serious deal.';
    const judgement = grounding.judge.judge(grounding.judge.hypothesis(grounding.analyze(claim)), grounding.analyze(sentence), passage);
    expect(judgement.conflict).toMatchObject({ kind: 'person', hypothesis: 'Mariko Sato', sentence: 'Kenji Aramaki' });
    // The speaker the sentence names is the claim's own: no conflict.
    const own = grounding.judge.judge(grounding.judge.hypothesis(grounding.analyze('Kenji Aramaki warned that the new threshold will slow down every serious deal.')), grounding.analyze(sentence), passage);
    expect(own.conflict).toBeUndefined();
  });

  it('does not match a claim\'s verb with a denied "say", though it takes a question', () => {
    const claim = "Harima's president warned that the British order would hold up shell deliveries to the Ground Self-Defense Force.";
    const sentence = "Nichiei Kayaku, whose explosive also goes into shells for the Ground Self-Defense Force, declined to say how much the fire had cost or whether the Self-Defense Forces' own supplies would be affected.";
    const passage = grounding.analyze(`Harima Ordnance Works will fill the British order with explosive from Nichiei Kayaku.\n${sentence}`);
    expect(grounding.judge.judge(grounding.judge.hypothesis(grounding.analyze(claim)), grounding.analyze(sentence), passage).label).toBe('neutral');
  });

  it('ends a denial where "and" opens another predicate, reads "not ... without" as no denial and "decided against" as one', () => {
    const denied = (text: string) => grounding.analyze(text).words.filter((word) => word.negated).map((word) => word.lower);
    expect(denied('Chile agreed not to resell the boats and to let Japanese inspectors visit the base.')).not.toContain('let');
    expect(denied('Kiso Marine will not sell the boats and will instead lease them.')).toEqual(expect.arrayContaining(['sell']));
    expect(denied('Kiso Marine will not sell the boats and will instead lease them.')).not.toContain('lease');
    // "Or" carries the denial on: neither was done.
    expect(denied('Kiso Marine did not sell the boats or lease them.')).toContain('lease');
    expect(denied('Chile may not resell the boats to another navy without Japan\'s consent.')).not.toContain('consent');
    // A decision against an act denies it as "decided not to" does.
    expect(denied('Norway decided against buying the boats, citing their cost.')).toContain('buying');
    expect(judge('Norway decided against buying the boats.', 'Norway has decided not to buy the boats, citing their cost.').label).toBe('entails');
    expect(judge('Norway decided to buy the boats.', 'Norway decided against buying the boats, citing their cost.').label).toBe('contradicts');
    expect(judge('Chile has agreed to let Japanese inspectors visit the base.', 'Chile agreed not to resell the boats and to let Japanese inspectors visit the base.').label).toBe('entails');
  });

  it('does not read a question left open ("did not say whether ...") as a denial', () => {
    const open = 'Officials did not say how the UAE would pay for the aircraft or whether Japan would offer financing.';
    expect(judge('Japan will offer financing for the aircraft.', open).label).toBe('neutral');
    // A denial of the deed itself still contradicts it.
    expect(judge('Japan will offer financing for the aircraft.', 'Officials said Japan would not offer financing for the aircraft.').label).toBe('contradicts');
  });

  it('matches a count only with a count of the same or related things', () => {
    const members = (sentence: string) => judge('The citizens group has about 5,000 members.', sentence).alignment.find((entry) => entry.unit.surface === 'about 5,000')!;
    expect(members('The citizens group is offering a 4,500-tonne design.').strength).toBe(0);
    expect(members('The citizens group has 4,800 members.').strength).toBe(1);
    // Another word for the same things, or people of some kind, still counts them.
    expect(judge('115 firms have left the defence business.', '115 companies have left the defence business.').label).toBe('entails');
    expect(judge('The suit was brought by 146 people.', 'The suit was brought by 146 residents.').label).toBe('entails');
    // Two kinds of people are two things.
    expect(judge('About 80 pilots will train in Japan.', 'About 45 pilots and 80 technicians will train in Japan.').label).not.toBe('entails');
  });

  it('dates what a sentence reports "on Thursday" within a week of its article, and only the verb next to the weekday', () => {
    // The passage context opens with the article's title and date (passageAnalysis).
    const inArticle = (sentence: string, claim: string) => grounding.judge.judge(grounding.judge.hypothesis(grounding.analyze(claim)), grounding.analyze(sentence), grounding.analyze(`Residents lose lens suit (February 17, 2028).\n${sentence}`));
    const dismissed = 'The Nagano District Court on Thursday dismissed the lawsuit brought by residents.';
    expect(inArticle(dismissed, 'The Nagano District Court dismissed the residents\' lawsuit in March 2028.').conflict).toMatchObject({ kind: 'date', hypothesis: 'March 2028' });
    expect(inArticle(dismissed, 'The Nagano District Court dismissed the residents\' lawsuit in 2027.').label).toBe('contradicts');
    expect(inArticle(dismissed, 'The Nagano District Court dismissed the residents\' lawsuit in February 2028.').label).not.toBe('contradicts');
    // "Said on Thursday" dates the saying, not what was said.
    expect(inArticle('Azumino Optical said on Thursday that it would keep making the lenses.', 'Azumino Optical made lenses in 1997.').label).not.toBe('contradicts');
  });

  it('keeps a figure the sentence gives as replaced ("falls to 51 percent from 54 percent") as a revision of a claim of now, not of then', () => {
    const revision = 'As a result, Kiso Marine\'s share falls to 51 percent from 54 percent.';
    const now = judge('Kiso Marine accounts for 54 percent of the boat work, building the hulls and the engines.', revision);
    expect(now.otherValue).toMatchObject({ kind: 'number', sentence: '51 percent' });
    // The passage may say whose figure it is.
    const passage = grounding.analyze('Chile enlarges boat order (May 1, 2031).\nKiso Marine will build more hulls. As a result, its share of the boat work falls to 51 percent from 54 percent.');
    const claim = grounding.judge.hypothesis(grounding.analyze('Kiso Marine accounts for 54 percent of the boat work, building the hulls and the engines.'));
    expect(grounding.judge.judge(claim, grounding.analyze('As a result, its share of the boat work falls to 51 percent from 54 percent.'), passage).otherValue).toMatchObject({ kind: 'number' });
    // What held then is not revised by what changed after.
    expect(judge('Kiso Marine originally accounted for 54 percent of the boat work, building the hulls and the engines.', revision).otherValue).toBeUndefined();
  });

  it('does not date a deadline by the article when the sentence gives one of its own ("by the end of 2027")', () => {
    const sentence = 'The navy expects to choose a shipyard by the end of 2027.';
    const inArticle = (claim: string) => grounding.judge.judge(grounding.judge.hypothesis(grounding.analyze(claim)), grounding.analyze(sentence), grounding.analyze(`Navy opens frigate tender (July 22, 2027).\n${sentence}`));
    expect(inArticle('The navy expects to choose a shipyard by mid-2027.').label).toBe('contradicts');
    expect(inArticle('The navy expects to choose a shipyard by the end of 2027.').label).toBe('entails');
  });

  it('opposes two figures of one thing when the passage says the rest of the claim, ordinary words included', () => {
    const battery = 'Each battery will consist of a radar, a fire-control centre and four launcher vehicles.';
    const passage = grounding.analyze(`Indonesia signed a contract to buy three batteries of the Chu-SAM missile system.\n${battery}`);
    const hypothesis = grounding.judge.hypothesis(grounding.analyze('Each Chu-SAM battery Indonesia buys has six launcher vehicles.'));
    const judgement = grounding.judge.judge(hypothesis, grounding.analyze(battery), passage);
    expect(judgement.conflict).toMatchObject({ kind: 'number', hypothesis: 'six', sentence: 'four' });
    // Its support is what the sentence itself says: one that says all of it outranks it.
    const explicit = grounding.judge.judge(hypothesis, grounding.analyze('Each Chu-SAM battery Indonesia buys will have four launcher vehicles.'), passage);
    expect(explicit.label).toBe('contradicts');
    expect(judgement.support).toBeLessThan(explicit.support - 0.1);
    expect(grounding.judge.judge(hypothesis, grounding.analyze(battery)).label).toBe('neutral');
  });

  it('does not oppose two figures when only the passage, not the sentence, says the rest of the claim', () => {
    const sales = 'It employs about 640 people and had sales of 21 billion yen in the fiscal year that ended in March 2027.';
    const passage = grounding.analyze(`Azumino Optical ships lens assemblies to Brigantine Defence Systems under a contract. ${sales}`);
    const hypothesis = grounding.judge.hypothesis(grounding.analyze("Azumino Optical's contract with Brigantine is worth 800 million yen."));
    expect(grounding.judge.judge(hypothesis, grounding.analyze(sales), passage).label).toBe('neutral');
    // A sentence that says the rest itself still refutes it.
    expect(grounding.judge.judge(hypothesis, grounding.analyze("Azumino Optical's contract with Brigantine is worth 900 million yen."), passage).label).toBe('contradicts');
  });

  it('finds an acronym spelt out in a text, and only there', () => {
    const text = "Japan's Ministry of Defence will spend 60 billion yen.";
    expect(acronymExpansion(acronymCapitals('MoD')!, text)).toEqual({ start: text.indexOf('Ministry'), end: text.indexOf(' will') });
    expect(acronymExpansion(acronymCapitals('LDP')!, 'The Liberal Democratic Party backed it.')).toBeDefined();
    expect(acronymExpansion(acronymCapitals('LDP')!, 'The Liberal Party backed it.')).toBeUndefined();
    // A hyphen before a capital starts a word of the acronym; one before lower case does not.
    expect(acronymExpansion('JMSDF', 'retired by the Japan Maritime Self-Defense Force as')).toBeDefined();
    // A possessive keeps its word's capital.
    expect(acronymExpansion('JMSDF', "operated by Japan's Maritime Self-Defense Force since 2003")).toBeDefined();
    expect(acronymExpansion('GCC', 'the Gulf Co-operation Council met')).toBeDefined();
    // Spelt out in lower case, from three letters on; a letter typed in lower case may be a
    // function word ("of" in MoU), one in capitals may not.
    expect(acronymExpansion('ROV', 'a small remotely operated vehicle to inspect mines')).toBeDefined();
    expect(acronymExpansion('MoU', 'signed a memorandum of understanding in May')).toBeDefined();
    expect(acronymExpansion('ATD', 'officials spoke about the drones')).toBeUndefined();
    expect(acronymExpansion('WA', 'it was about money')).toBeUndefined();
    // Ordinary words are not acronyms, however they are capitalised.
    expect(acronymCapitals('Max')).toBeUndefined();
    expect(acronymCapitals('Japan')).toBeUndefined();
  });

  it('reads a date after "by" as a deadline, unless it qualifies a noun', () => {
    const deadlines = (text: string) => grounding.analyze(text).quantities.map((quantity) => quantity.deadline === true);
    expect(deadlines('The option must be exercised by the end of 2031.')).toEqual([true]);
    expect(deadlines('It was made possible by the April 2026 rule change.')).toEqual([false]);
  });

  it('reads a people in the plural as its country, when one state is theirs', () => {
    const places = (text: string) => grounding.analyze(text).places.map((place) => place.country);
    expect(places('The Swedes, the Poles, the Danes and the Brits agreed.')).toEqual(['SWE', 'POL', 'DNK', 'GBR']);
    // As chat types it.
    expect(places('how many lasers are the swedes buying')).toEqual(['SWE']);
    // "Turk" begins Turkey and Turkmenistan; a pole of the earth is no people.
    expect(places('The Turks went to the North Pole.')).toEqual([]);
    // WordNet gives the demonym as a synonym of the people-noun, in the singular too.
    expect(places('are the aussies buying the batteries, or an aussie firm')).toEqual(['AUS', 'AUS']);
    // ... in any of its senses: a kiwi is a fruit and a bird before it is a New Zealander.
    expect(places('who signed for the kiwi side, and what are the kiwis buying')).toEqual(['NZL', 'NZL']);
  });

  it("reads a country's code as the country, typed in any case, unless it is an English word", () => {
    const places = (text: string) => grounding.analyze(text).places.map((place) => place.country);
    expect(places('how much was the aus deal')).toEqual(['AUS']);
    // The two-letter code too: "nz" is New Zealand, "it" stays a word.
    expect(places("does it cover nz's order")).toEqual(['NZL']);
    expect(places('the AUS order and the jpn budget')).toEqual(['AUS', 'JPN']);
    // "and" is Andorra's code, "nor" Norway's and "per" Peru's; "can" is Canada's.
    expect(places('AND WHY CAN THEY NOT, nor per unit')).toEqual([]);
  });

  it('reads a verb in the present tense between a noun and an article as a verb, if the dictionary has it as one', () => {
    const posOf = (text: string, surface: string) => grounding.analyze(text).words.find((word) => word.surface === surface)?.pos;
    // The tagger reads "names" after a noun as a plural noun.
    expect(posOf('The annual report names the countries that were refused.', 'names')).toBe('VERB');
    // "Sale" is no verb.
    expect(posOf('Defence sales the year before rose.', 'sales')).toBe('NOUN');
  });

  it('reads a possessive the same whatever text it read before', () => {
    const places = (text: string) => grounding.analyze(text).places.map((place) => place.country);
    // Read once before a comma, a possessive became one token for the tagger from then on.
    expect(places("Kaga said Chile's systems could be built only after Peru's, so the first would come in 2035.")).toEqual(['CHL', 'PER']);
    expect(places("how big was peru's first order")).toEqual(['PER']);
    expect(grounding.analyze("how big was peru's first order").words.map((word) => word.lower)).toEqual(['how', 'big', 'was', 'peru', 'first', 'order']);
  });

  it('keeps a rare dictionary word in a capitalised run as part of the name, and drops a title', () => {
    expect(grounding.analyze('Shoji Kuramoto said the ministry would decide.').names.map((name) => name.surface)).toEqual(['Shoji Kuramoto']);
    expect(grounding.analyze('Prime Minister Fumio Kishida said so.').names.map((name) => name.surface)).toEqual(['Fumio Kishida']);
  });

  it('takes an ordinary word capitalised alone inside a sentence for a name given to something, but not a title, a body, a day or a word of a longer name', () => {
    const names = (text: string) => grounding.analyze(text).names.map((name) => name.surface);
    expect(names('The project, named Falcon, will cost 12 billion yen.')).toEqual(['Falcon']);
    expect(names('Chile still intends to buy 12 Falcon buoys.')).toEqual(['Falcon']);
    expect(names("Falcon's cost has risen.")).toEqual(['Falcon']);
    expect(names('Falcon buoys will be tested next year.')).toEqual([]);
    expect(names('The Navy said the Minister had signed the contract on Friday at the Ministry of Defence.')).toEqual([]);
    // A word beside a country's in a longer name is no name of its own; a possessor before it does not join it.
    expect(names('He spoke to the Royal Malaysian Navy on Monday.')).toEqual([]);
    expect(names("Chile and Japan's Falcon project will cost more.")).toEqual(['Falcon']);
  });

  it('does not take the plural of an ordinary word opening a sentence for a name', () => {
    expect(grounding.analyze('Loans from the fund carry interest of half a percent.').names).toEqual([]);
    expect(grounding.analyze('Companies that borrowed from the fund hired more staff.').names).toEqual([]);
  });

  it('matches a name only by its words standing together, each of two names a possessive joins on its own', () => {
    const nameStrength = (claim: string, sentence: string) => judge(claim, sentence).alignment.find((entry) => entry.unit.kind === 'name')!.strength;
    // "Kiso Air Base" of one base and "Hatta" of the works do not name Kiso Air Base Hatta.
    expect(nameStrength('The drones will go to Kiso Air Base Hatta.', 'The drones will go to Kiso Air Base Minami after work at Hatta was delayed.')).toBeLessThan(1);
    expect(nameStrength("Keidanren's Fumiko Yanagawa welcomed the checks.", 'Fumiko Yanagawa, who heads the export committee of Keidanren, welcomed the checks.')).toBe(1);
  });

  it('does not take a country in a geographic name for the country', () => {
    const places = (text: string) => grounding.analyze(text).places.map((place) => place.surface);
    expect(places('Ships patrol the South China Sea and the Indian Ocean.')).toEqual([]);
    expect(places('China protested, and South Korea agreed.')).toEqual(['China', 'South Korea']);
  });

  it('reads a word with marked letters as one word, matched as typed without the marks', () => {
    const words = grounding.analyze('The systems will be handed over at Mihail Kogălniceanu air base, near Constanța.').words;
    expect(words.map((word) => word.surface)).toContain('Kogălniceanu');
    expect(words.find((word) => word.surface === 'Constanța')?.lower).toBe('constanta');
    expect(judge('The systems will be handed over near Constanta.', 'The systems will be handed over at Mihail Kogălniceanu air base, near Constanța.').label).toBe('entails');
  });

  it('does not take a spelling of a country that is an ordinary English word for the country', () => {
    // The country data spells Iceland "Island" and Réunion "Reunion".
    const places = (text: string) => grounding.analyze(text).places.map((place) => place.country);
    expect(places('The drones will patrol the waters around Easter Island.')).toEqual([]);
    expect(places('Veterans held a reunion in Tokyo.')).toEqual(['JPN']);
    // A spelling that is a people-noun still names its country.
    expect(places('The Saudi-led coalition bought Thai rice.')).toEqual(['SAU', 'THA']);
  });

  it.each([
    ['Two hundred sailors will train in Japan.', 200],
    ['About two thousand five hundred troops took part.', 2500],
    ['The fund lent 1.5 billion yen.', 1.5e9],
    ['Twenty five ships were offered.', 25],
  ])('reads the figure written in "%s" as %d', (text, value) => {
    expect(grounding.analyze(text).quantities.map((quantity) => quantity.value)).toContain(value);
  });

  it('reads the month of a span of time as a date ("since April")', () => {
    const [since] = grounding.analyze('The talks have been taking place since April, officials said.').quantities;
    expect(since).toMatchObject({ kind: 'date', months: [4, 4] });
  });

  it.each([
    ['A builder will be chosen by mid-2027.', 'mid-2027', [5, 8]],
    ['A builder will be chosen in mid 2027.', 'mid 2027', [5, 8]],
    ['The first hull is due in the second half of 2028.', 'second half of 2028', [7, 12]],
    ['The ships arrive in March 2029.', 'March 2029', [3, 3]],
  ])('reads the part of the year that "%s" names', (text, surface, months) => {
    expect(grounding.analyze(text).quantities).toContainEqual(expect.objectContaining({ kind: 'year', surface, months }));
  });

  it('reads no figure in a word that is only a property name of objects', () => {
    expect(grounding.analyze('The constructor of the ships said so.').quantities).toEqual([]);
  });

  it('counts the measure joined to a number, not the noun after it', () => {
    // A "38-year-old ship" is not 38 ships.
    const [age] = grounding.analyze('The real test is whether a 38-year-old ship can stay at sea.').quantities;
    expect(age).toMatchObject({ value: 38, units: ['year'] });
  });

  it('reads a news dateline as where and when the story was filed, not as what it says', () => {
    const analysis = grounding.analyze('JAKARTA, November 20, 2026 — Indonesia signed a contract on Friday to buy three batteries.');
    expect(analysis.places.map((place) => place.surface)).toEqual(['Indonesia']);
    expect(analysis.quantities.map((quantity) => quantity.surface)).not.toContain('November 20, 2026');
    expect(analysis.words.filter((word) => word.content).map((word) => word.lower)).not.toContain('jakarta');
    // A dash after a name alone is no dateline.
    expect(grounding.analyze('NATO — the alliance — welcomed it.').words.find((word) => word.lower === 'nato')?.content).toBe(true);
    // "Who" takes a person before an organisation or a country.
    const who = grounding.questions.analyze('who runs the company?').parts[0]!;
    const sentence = grounding.analyze('Japanese drone maker Tsubasa Dynamics is led by president Haruki Okabe.');
    expect(findDetail(who, sentence, grounding.judge.judge(who.hypothesis, sentence), grounding.lexicon)?.lead).toBe('Haruki Okabe');
  });

  const lead = (question: string, text: string, published?: string) => {
    const part = grounding.questions.analyze(question).parts[0]!;
    const sentence = grounding.analyze(text);
    return findDetail(part, sentence, grounding.judge.judge(part.hypothesis, sentence), grounding.lexicon, published)?.lead;
  };

  it('answers "what party" with a party, not a body of another kind', () => {
    expect(lead('what party is ryota mise in', 'Ryota Mise, who sits on the Defence Committee of the upper house, criticised the sale.')).toBeUndefined();
    expect(lead('what party is ryota mise in', 'Ryota Mise of the Harbour Party criticised the sale.')).toBe('Harbour Party');
  });

  it('does not answer "who" with a name the sentence places something at', () => {
    expect(lead('which official sent the request', 'Tonga asked to buy three boats to guard the cable stations at Vavau, two officials said.')).toBe('Tonga');
  });

  it('answers with the value that holds, not the one the sentence gives as replaced, unless the plan before is asked', () => {
    const sentence = 'The last ferry, originally due in May 2033, is now scheduled for delivery in August 2034.';
    expect(lead('when is the last ferry due', sentence)).toBe('August 2034');
    expect(lead('when was the last ferry originally due', sentence)).toBe('May 2033');
  });

  it('counts made things of any kind with "systems" or "units", but not people', () => {
    expect(lead('how many lasers is sweden buying', 'Sweden has raised its order to 12 systems from eight.')).toBe('12 systems');
    // "Aircraft" counts the planes asked about, as usage has it.
    expect(lead('how many patrol planes is new zealand buying', 'New Zealand will buy 10 unmanned patrol aircraft from Japan.')).toContain('10');
    expect(lead('how many pilots will train in japan', 'Japan will train 12 systems operators.')).toBeUndefined();
    // People are counted only by the noun counted: "unmanned patrol aircraft" count no crew.
    expect(lead('how many technicians will tonga station', 'Tonga will buy 10 unmanned maritime patrol aircraft.')).toBeUndefined();
    expect(lead('how many technicians will tonga station', 'Tonga will station a team of 10 technicians.')).toContain('10');
    // ... and things named by a plural the dictionary lacks, as equipment often is; not a name.
    expect(lead('how many hydrophones is norway buying', 'Norway has raised its order for seabed hydrophones to 11 systems.')).toBe('11 systems');
    expect(lead('how many of the new kiso hires will be welders', 'Kiso will supply eight battery systems.')).toBeUndefined();
    const two = judge('The first two lasers are to be delivered in March 2033.', 'The first two systems are to be delivered in March 2033.').alignment.find((aligned) => aligned.unit.surface === 'two');
    expect(two?.strength).toBeGreaterThanOrEqual(MATCHED);
    // ... and so two counts of them disagree.
    expect(judge('Sweden has ordered ten lasers from Kaga.', 'Sweden has ordered lasers from Kaga: 12 systems in all.').conflict).toMatchObject({ kind: 'number', hypothesis: 'ten', sentence: '12' });
  });

  it('takes a figure per year for no near answer to a question that asks no rate', () => {
    const near = (question: string, text: string) => {
      const part = grounding.questions.analyze(question).parts[0]!;
      const sentence = grounding.analyze(text);
      return findDetail(part, sentence, grounding.judge.judge(part.hypothesis, sentence), grounding.lexicon)?.near;
    };
    const plant = 'At full capacity the plant will make up to 900 drones a year.';
    expect(near('how many drones has the army ordered from the plant', plant)).toBe(false);
    expect(near('how many drones will the plant make a year', plant)).toBe(true);
  });

  it('answers "where" with a place, not with the maker named after "by"', () => {
    expect(lead('where will the two radars be installed', 'The two radars, made by Mitsubishi Electric, will be installed on the northern coast of Luzon.')).toBe('Luzon');
    // Nor with a person or a party, nor with the country that owns or sells the thing.
    expect(lead('where will the batteries go', 'Deputy Defence Minister Arief Wibisono said the batteries had been added after a review.')).toBeUndefined();
    expect(lead('where will the shells be stored', 'Tadashi Kumagai of the Japanese Communist Party criticised the shell sale.')).toBeUndefined();
    expect(lead('where does the first battery go', "Indonesia signed a contract to buy three batteries of Japan's Chu-SAM system.")).toBe('Indonesia');
    expect(lead('where will the planes be based', 'The air force agreed to buy three transport planes from Japan.')).toBeUndefined();
  });

  it('answers an amount by the unit or by the year only with one given so, not with a total', () => {
    const total = 'The navy will pay 21.6 billion yen for the ten radars over four years.';
    expect(lead('how much does the navy pay per year for the radars', total)).toBeUndefined();
    expect(lead('how much does each radar cost the navy', total)).toBeUndefined();
    expect(lead('how much does each radar cost the navy', 'The navy will pay 2.16 billion yen each for the ten radars.')).toBe('2.16 billion yen');
    expect(lead('how many drones a year can the factory make', 'The factory will make up to 1,500 drones a year.')).toBe('1,500 drones');
    expect(lead('how much will the navy pay for the radars', total)).toBe('21.6 billion yen');
  });

  it('leads with a sum as first stated, not its conversion into another currency', () => {
    const sentence = 'HANOI, June 8, 2028 — Vietnam signed a contract on Thursday to buy three Kawasaki P-1 maritime patrol aircraft from Japan for 96 billion yen, or about $640 million, one fewer than it had planned when it chose the aircraft in October, officials from both countries said.';
    expect(lead("how much is vietnam's p-1 deal worth", sentence)).toBe('96 billion yen');
  });

  it('does not answer with a detail the sentence denies, unless the question denies it too', () => {
    expect(lead('where will the first radar go', 'The first radar will no longer go to Sattahip.')).toBeUndefined();
    expect(lead('where will the first radar go', 'The first radar will no longer go to Sattahip but to Songkhla.')).toBe('Songkhla');
    expect(lead('where will the first radar no longer go', 'The first radar will no longer go to Sattahip.')).toBe('Sattahip');
  });

  it('answers "what day" with the date the word "day" matches', () => {
    expect(lead('what day did the council approve the sale', 'The council approved the sale on Tuesday.')).toBe('Tuesday');
    // "What date" asks for one in the calendar.
    expect(lead('on what date did the council approve the sale', 'The council approved the sale on Tuesday.')).toBeUndefined();
    expect(lead('on what date did the council approve the sale', 'The council approved the sale on Tuesday, October 12.')).toBe('October 12');
    expect(lead("what day did japan's security council approve the sale", "In Tokyo, officials said Japan's National Security Council approved the sale on Tuesday, October 12.")).toBe('October 12');
  });

  it('answers "when will" only with a date still ahead of its article, and "when did" only with one behind it', () => {
    const joined = 'In December 2022, Japan joined the collaboration to develop the jet.';
    expect(lead('when did japan join the fighter jet project', joined, '2024-03')).toBe('December 2022');
    expect(lead('when will the fighter jets be deployed', joined, '2024-03')).toBeUndefined();
    // The article's own year, in a month still ahead of it, is ahead.
    expect(lead('when will the fighter jets be deployed', 'The jets will be deployed in December 2024.', '2024-03')).toBe('December 2024');
    // A weekday alone dates the news ("said on Tuesday"), not what will happen.
    expect(lead('when will the fighter jets be deployed', 'The spokesman said on Tuesday the jets were needed.', '2024-03')).toBeUndefined();
    // A date without a year is not a year: "October 12" is no date of year 12.
    expect(lead('when will the fighter jets be deployed', 'The jets will be deployed on October 12.', '2024-03')).toBe('October 12');
    // "When did" asks for what happened, not for a date the article still expects.
    const expected = 'The first radar is now expected to be operating in the second half of 2030.';
    expect(lead('when did the first radar start operating', expected, '2029-03-22')).toBeUndefined();
    expect(lead('when will the first radar start operating', expected, '2029-03-22')).toBe('second half of 2030');
    // "When was it handed over" asks for what happened too; "when was it supposed to be" for a plan.
    const due = 'The first aircraft is now due to be handed over in 2031.';
    expect(lead('when was the first aircraft handed over', due, '2028-06-08')).toBeUndefined();
    expect(lead('when was the first aircraft supposed to be handed over', due, '2028-06-08')).toBe('2031');
    expect(lead('when was the contract signed', 'The contract was signed in March 2028.', '2028-06-08')).toBe('March 2028');
  });

  it('answers "how long" with a length of time, or the date it runs since', () => {
    expect(lead('how long can companies take to repay the loans', 'Officials expect the first loans in July, with repayment periods of up to 20 years.')).toBe('20 years');
    expect(lead('how long has the system been in service', 'The system has been in service since 2003.')).toBe('since 2003');
    // A date that is neither start nor end says when, not how long.
    expect(lead('how long can companies take to repay the loans', 'Officials expect the first loans in July.')).toBeUndefined();
    // ... and "how much" is not answered by a length of time.
    expect(lead('how much will the firm get for upkeep', 'The price covers the radars and seven years of upkeep by the firm.')).toBeUndefined();
    expect(lead('how much of the upkeep will the firm do', 'The firm will do 40 percent of the upkeep.')).toBe('40 percent');
    // ... nor by a number of people or things, but by a measure; a size may be a count.
    expect(lead('how much did the firm grow after the deal', 'The firm employs about 1,900 people.')).toBeUndefined();
    expect(lead('how much can the plane carry', 'The plane can carry about 30 tonnes.')).toBe('about 30 tonnes');
    expect(lead('how large is the group of countries', 'The rules cover 17 countries.')).toBe('17 countries');
    // A number of people answers "how many workers".
    expect(lead('how many workers will the plant employ', 'At full capacity the plant will employ about 320 people.')).toBe('about 320 people');
    // Punctuation ends the counted phrase.
    expect(lead('how many workers does the shipyard employ', 'The shipyard employs about 3,400 people, most of them in Kure.')).toBe('about 3,400 people');
    // A count of something broader is no count of the thing asked about.
    expect(lead('how many missiles does each battery get', 'Each battery will consist of a radar and four launcher vehicles.')).toBeUndefined();
    expect(lead('how many ships will australia buy', 'Australia will buy 11 upgraded Mogami-class frigates.')).toBe('11 upgraded Mogami-class frigates');
    // "Eight of the boats" counts boats.
    expect(lead('how many boats will the navy buy', 'The navy plans to buy eight of the boats.')).toBeDefined();
    // A modifier hyphened together ("on-site") is no end of what is counted.
    expect(lead('how many inspections did officials carry out abroad', 'Officials carried out 14 on-site checks in six countries.')).toBe('14 on-site checks');
    // "How many of the 38 companies" counts companies, not months.
    expect(lead('how many of the 38 companies are based in osaka', 'The first loans came two months later than planned.')).toBeUndefined();
    // A length of time also answers "how many years".
    expect(lead('how many years of spare parts are in the contract', 'The contract covers missiles, ten years of spare parts and training.')).toBe('ten years');
  });

  it('asks a question of each of two things as one question for each', () => {
    const parts = (question: string) => grounding.questions.analyze(question).parts.map((part) => part.hypothesis.analysis.text);
    expect(parts('when did sweden and finland each sign their transfer agreements with japan')).toEqual([
      'when did sweden sign their transfer agreements with japan',
      'when did finland sign their transfer agreements with japan',
    ]);
    expect(parts('which category do the amber boat and the thai coastal radars each fall under')).toEqual([
      'which category do the amber boat fall under',
      'which category do the thai coastal radars fall under',
    ]);
    // Each part is a whole question, not one that leans on the part before it.
    expect(parts('what did britain and japan each pay')).toEqual(['what did britain pay', 'what did japan pay']);
    expect(parts('how much did each shell cost')).toHaveLength(1);
    // Two things put before the question, which a pronoun takes up.
    expect(parts('the kite and the heron, where are they built')).toEqual(['where are the kite built', 'where are the heron built']);
    expect(parts('the kite and the heron, where is the factory')).toHaveLength(1);
  });

  it('types a which-noun as an organisation only when it names a group of people', () => {
    // WordNet's "organization" is also an arrangement, of which a design and a plan are kinds.
    expect(grounding.questions.analyze('which frigate design is the shipyard offering').parts[0]!.type).toBe('any');
    expect(grounding.questions.analyze('to which court will the residents appeal').parts[0]!.type).toBe('organization');
    // "High Court" is a name of ordinary words for one.
    expect(grounding.analyze('They will appeal to the Tokyo High Court.').names).toMatchObject([{ surface: 'High Court', organization: true }]);
  });

  it('does not take a name for one it shares words with: "Kiso Air Base Minami" is not "Kiso Air Base Hatta"', () => {
    const judgement = judge('The drones will be delivered to Kiso Air Base Hatta.', 'The first drones are due at Kiso Air Base Minami in October.');
    expect(judgement.alignment.find((entry) => entry.unit.surface === 'Kiso Air Base Hatta')!.strength).toBe(0);
    expect(judgement.label).not.toBe('entails');
    // Named in part, with no other name there, it is still named in part.
    expect(judge('The drones will be delivered to Kiso Air Base Hatta.', 'The first drones are due at Hatta in October.').alignment.find((entry) => entry.unit.surface === 'Kiso Air Base Hatta')!.strength).toBeGreaterThan(0);
  });

  it('reads "owned" as a verb to match, though "own" is a stop word, and gives each owner its own share', () => {
    const word = (text: string, lower: string) => grounding.analyze(text).words.find((candidate) => candidate.lower === lower)!;
    expect(word('The venture is 60 percent owned by Enshu Radio.', 'owned').content).toBe(true);
    expect(word('Kiso Marine will build its own boats.', 'own').content).toBe(false);
    expect(word('The state-owned yard will build the boats.', 'owned').content).toBe(false);
    expect(judge('Enshu Radio holds 60 percent of the new venture.', 'The new venture will be 60 percent owned by Enshu Radio and 40 percent by Kiso Marine.').label).toBe('entails');
  });

  it('takes "behalf" for part of a preposition ("on behalf of"), no more a part of a claim to match than "for"', () => {
    const units = (text: string) => grounding.judge.hypothesis(grounding.analyze(text)).units.map((unit) => unit.surface);
    expect(units("Kenji Saeki signed the contract on the shipyard's behalf.")).not.toContain('behalf');
    expect(units('Kenji Saeki signed the contract on behalf of the shipyard.')).toEqual(units('Kenji Saeki signed the contract for the shipyard.'));
  });

  it('takes ordinary words capitalised before "Sea", "Strait" or "Ocean" for a name, named only in full', () => {
    expect(grounding.analyze('The boats will patrol the Black Sea.').names).toEqual([{ first: 5, last: 6, surface: 'Black Sea' }]);
    // "Sea" alone is any sea.
    const sea = judge('The boats will patrol the Black Sea.', 'The boats will patrol the sea.').alignment.find((entry) => entry.unit.surface === 'Black Sea')!;
    expect(sea.strength).toBe(0);
  });

  it('answers "what did X say" only with a sentence that reports or quotes what was said', () => {
    expect(grounding.questions.analyze('what did the mayor say about the frigate bid').parts[0]!.type).toBe('statement');
    expect(grounding.questions.analyze('why did the mayor say the bid was needed').parts[0]!.type).toBe('reason');
    expect(lead('what did the mayor say about the frigate bid', 'The mayor of Kure said the frigate bid would bring jobs to the city.')).toBe('');
    expect(lead('what did the mayor say about the frigate bid', 'The mayor of Kure met the company before the frigate bid was submitted.')).toBeUndefined();
  });

  it('finds a sentence that says the detail asked for was not given, and only that detail', () => {
    const withholds = (question: string, text: string) => withholdsDetail(grounding.questions.analyze(question).parts[0]!, grounding.analyze(text), grounding.lexicon);
    expect(withholds('how big a loan did the venture ask for', 'The ministry said the venture had applied for a loan but did not say how much it had requested.')).toBe(true);
    expect(withholds('which anti-ship missiles will the navy fit', 'The navy has still not decided what anti-ship missiles it will fit to the ships.')).toBe(true);
    expect(withholds('what radar will the frigates carry', 'Neither the company nor Malaysian officials said which missiles or radars the frigates would carry.')).toBe(true);
    // Another count withheld, another noun after "which", a "not" of another clause.
    expect(withholds('how many years of spare parts are in the contract', 'The contract covers ten years of spare parts, but neither side would say how many missiles are included.')).toBe(false);
    // "Who makes" is withheld by not naming the company that makes it, not by naming something else.
    expect(withholds('who makes the run flat tyres', 'ATLA declined to name the company that will supply the run-flat tyres.')).toBe(true);
    expect(withholds('who makes the run flat tyres', 'ATLA declined to name the date on which the run-flat tyres arrive.')).toBe(false);
    // The withheld clause ends at its comma, though the analysis keeps no punctuation as words.
    expect(withholds("how much of hikone's sales come from defence", 'Estonian officials have not said how much they plan to spend, and Hikone would not say whether it has quoted a price.')).toBe(false);
    expect(withholds('which radar will the frigates carry', 'Officials did not say which shipyard would build the frigates.')).toBe(false);
    expect(withholds('who heads the division now', '"The bleeding has not stopped," said Aiko Tanabe, who succeeded Kenji Murakami as director.')).toBe(false);
    // A thing the sentence leaves unnamed: "which he did not name", after qualifiers joined by "and".
    expect(withholds('which american and european planes did vietnam look at', 'The evaluation also looked at two other aircraft, one American and one European, which he did not name.')).toBe(true);
    expect(withholds('which radars did vietnam look at', 'The evaluation also looked at two other aircraft, one American and one European, which he did not name.')).toBe(false);
    // "How much *it had requested*" withholds the loan, not the size of the fund it came from.
    expect(withholds('how big is the supplier fund now', 'The venture applied for a loan from the supplier fund, but the ministry did not say how much it had requested.')).toBe(false);
    // A site asked for ("which air base") is withheld by "where", a thing of another kind is not.
    expect(withholds('which naval base will the frigates sail from', 'The navy did not say where the frigates would be based.')).toBe(true);
    expect(withholds('which radar will the frigates carry', 'The navy did not say where the frigates would be based.')).toBe(false);
    // The noun a denied verb takes is the detail withheld: a price for a price, the thing asked about after "name".
    expect(withholds('how much does each frigate cost', 'Officials declined to give a price for each frigate.')).toBe(true);
    // ... "put a value on" gives one, as "give" does.
    expect(withholds("how much is chile's drone request worth", 'Officials declined to put a value on the Chilean request.')).toBe(true);
    expect(withholds("how much is chile's drone request worth", 'Officials declined to put the drones on display.')).toBe(false);
    // A joined question that speaks of the thing the first one does: who pays for certifying the winches.
    const payer = (text: string) => withholdsDetail(grounding.questions.analyze('how much will certifying the winches cost and who pays').parts[1]!, grounding.analyze(text), grounding.lexicon);
    expect(payer('Neither side would say how much certifying the winches will cost or which side will pay for it.')).toBe(true);
    expect(payer('Neither side would say how much certifying the winches will cost or which port will ship them.')).toBe(false);
    // "Put" withholds only the value it would put on something, not what a "which" before it names.
    expect(withholds('which radars will the navy use', 'The navy bought two radars, which it did not put into service.')).toBe(false);
    // ... past a participle that qualifies it.
    expect(withholds("what's the philippine battery request worth in yen", 'They did not give an estimated value for the Philippine battery request.')).toBe(true);
    expect(withholds('frigate price per ship', 'Officials declined to give a price for each frigate.')).toBe(true);
    expect(withholds('which missile is the seeker for', 'The company declined to name the missile, citing customer confidentiality.')).toBe(true);
    // A question of manner, withheld by "did not say how".
    expect(withholds('how is the work split between miura and baltyk', 'Officials did not say how the work would be divided between the two companies in value.')).toBe(true);
    expect(withholds('which company does the work', 'Officials did not say how the work would be divided between the two companies in value.')).toBe(false);
    // A question joined to the one the denied verb takes, when it speaks of two things the question does.
    expect(withholds('does the shipyard owe a penalty', 'Officials declined to say how much the shipyard had been paid for design work, or whether it owes a penalty.')).toBe(true);
    expect(withholds('does the consent condition apply to the spare sets', 'Officials declined to say which ministries had argued for the draft, or whether the checks would be announced in advance.')).toBe(false);
    // The particulars of a thing withhold the thing: "details of penalties".
    expect(withholds('what penalties does the shipyard face if delivery is late', 'Officials also declined to give details of penalties for late delivery.')).toBe(true);
    // Naming withholds which things, not how many; nor is a price per unit the price of the whole deal.
    expect(withholds('how many applications were refused', 'It says nine applications were rejected, but does not name the countries or the equipment involved.')).toBe(false);
    expect(withholds('which radar will the frigates carry', 'Officials declined to give a price for each frigate.')).toBe(false);
    expect(withholds('how much is the frigate contract worth', 'Officials declined to give a price for each frigate.')).toBe(false);
  });

  it('reads "name of the X" as asking for the X, typed by what an X is', () => {
    const judge = grounding.questions.analyze('name of the judge in the lens export case').parts[0]!;
    expect(judge).toMatchObject({ type: 'person', head: expect.objectContaining({ lower: 'judge' }) });
    expect(judge.hypothesis.units.map((unit) => unit.surface)).not.toContain('name');
    expect(grounding.questions.analyze("what's the name of the company that makes the lenses").parts[0]!.type).toBe('organization');
  });

  it('takes the noun a count asks for from a compound, but not a verb the tagger took for a noun after a plural', () => {
    const head = (question: string) => grounding.questions.analyze(question).parts[0]!.head?.lower;
    expect(head('how many people work at the komaki plant')).toBe('people');
    expect(head('how many people work there')).toBe('people');
    expect(head('how many ships sail to manila')).toBe('ships');
    expect(head('how many indian navy ships carry the mast')).toBe('ships');
    expect(head('how many arms export deals did japan sign')).toBe('deals');
    // A noun and a verb after a plural are a clause on it.
    expect(head('what were the 5 non-combat domains the agency listed')).toBe('domains');
  });

  it('finds the noun asked about past a copula, an article and a number', () => {
    const part = grounding.questions.analyze('what were the two other drones the army tested before choosing the kite');
    expect(part.parts[0]!.head?.lower).toBe('drones');
    const withholds = (text: string) => withholdsDetail(part.parts[0]!, grounding.analyze(text), grounding.lexicon);
    expect(withholds('The army said it had also tested two other drones, which it did not name.')).toBe(true);
    expect(withholds('The army said it had also tested two other radars, which it did not name.')).toBe(false);
  });

  it('does not lead with an ordinary word of a longer name ("Economy, Trade and Industry") for who is asked', () => {
    const part = grounding.questions.analyze('which ministers must approve the sale').parts[0]!;
    const sentence = grounding.analyze('The sale must be approved by both the Minister of Economy, Trade and Industry and the Defence Minister.');
    const detail = findDetail(part, sentence, grounding.judge.judge(part.hypothesis, sentence), grounding.lexicon);
    expect(detail).toBeDefined();
    expect(detail!.lead).toBe('');
  });

  it('does not answer with a country the question names, however the sentence names it again', () => {
    const part = grounding.questions.analyze('who will maintain the emirati planes').parts[0]!;
    const sentence = grounding.analyze('Officials in Abu Dhabi said the United Arab Emirates would buy three planes.');
    expect(findDetail(part, sentence, grounding.judge.judge(part.hypothesis, sentence), grounding.lexicon)?.lead).not.toBe('United Arab Emirates');
  });

  it('answers "how many sailors" with the size of a crew ("a crew of 95"), not with any group', () => {
    const part = grounding.questions.analyze('how many sailors does the frigate need').parts[0]!;
    const lead = (text: string) => {
      const sentence = grounding.analyze(text);
      return findDetail(part, sentence, grounding.judge.judge(part.hypothesis, sentence), grounding.lexicon)?.lead;
    };
    expect(lead('The frigate can be operated by a crew of 95 thanks to a high degree of automation.')).toBe('95');
    // A number of companies is no number of sailors.
    expect(lead('The frigate will be built by a group of 3 companies.')).toBeUndefined();
  });

  it('reads a figure after a currency sign as a sum, and answers "in pounds" with a sum in pounds', () => {
    const kinds = (text: string) => grounding.analyze(text).quantities.map((quantity) => quantity.kind);
    expect(kinds('Latvia will pay about £24 million for the shells.')).toEqual(['money']);
    const sums = 'The order is worth 46.8 billion yen, or about £245 million.';
    expect(lead('value of the order in pounds?', sums)).toBe('£245 million');
    expect(lead('value of the order?', sums)).toBe('46.8 billion yen');
    expect(lead('value of the order in pounds?', 'The order is worth 46.8 billion yen.')).toBeUndefined();
  });

  it('gives each sum its currency, by sign or by any name the dictionary has for one, and compares sums only in one currency', () => {
    const sums = (text: string) => grounding.analyze(text).quantities.map((quantity) => [quantity.kind, quantity.currency]);
    // A count of a currency the tagger does not know is a sum all the same.
    expect(sums('The price is equal to about 1.95 billion dirhams.')).toEqual([['money', 'dirham']]);
    expect(sums('It paid ¥5.2 billion, about A$70 million, and 12 million euros.')).toEqual([['money', 'yen'], ['money', 'dollar'], ['money', 'euro']]);
    // "In dirhams" is answered by a sum in dirhams, in words the tagger alone reads as a count.
    expect(lead('c-2 price in dirhams?', 'The price is equal to about 1.95 billion dirhams, or about $530 million.')).toBe('about 1.95 billion');
    // Two currencies give no two values of one sum: only a sum in the claim's currency contradicts it.
    expect(judge('The deal is worth $4 billion.', 'The deal is worth 11 billion yen.').label).toBe('neutral');
    expect(judge('The deal is worth 4 billion yen.', 'The deal is worth 11 billion yen.').label).toBe('contradicts');
  });

  it('takes the currency a sum is asked in for the form of the answer, not a word the answer must say', () => {
    const part = grounding.questions.analyze("what's the philippine battery request worth in yen").parts[0]!;
    expect(part.type).toBe('money');
    expect(part.hypothesis.units.map((unit) => unit.surface)).not.toContain('yen');
    // So are currencies listed after the question: articles write them as signs ("¥27.6 billion, or €162 million").
    const listed = grounding.questions.analyze('how much was the original field hospital contract worth? yen and euros pls').parts[0]!;
    expect(listed.type).toBe('money');
    expect(listed.hypothesis.units.map((unit) => unit.surface)).toEqual(expect.arrayContaining(['original', 'contract']));
    expect(listed.hypothesis.units.map((unit) => unit.surface)).not.toEqual(expect.arrayContaining(['euros']));
    expect(listed.hypothesis.units.map((unit) => unit.surface)).not.toEqual(expect.arrayContaining(['yen']));
  });

  it('reads what a count counts: the one plural noun before a bare "the 60,000", a partitive, past a calibre', () => {
    const units = (text: string) => grounding.analyze(text).quantities.map((quantity) => quantity.units);
    // A partitive with a possessive, and a calibre written onto its unit, are part of what is counted.
    expect(units('Britain will hand 8,000 of its Japanese shells to Latvia.')).toEqual([['japanese', 'shell']]);
    expect(units('Britain may pass 6,000 Japanese-made 155mm artillery shells to Latvia.')).toEqual([['artillery', 'shell']]);
    expect(units('The shells will come from the 60,000 that Britain has ordered.')).toEqual([['shell']]);
    // Two plural nouns before it: either could be counted.
    expect(units('List the countries the articles name as among the 17.')).toEqual([[]]);
  });

  it('reads "how much money" as a sum, not any amount', () => {
    expect(grounding.questions.analyze('how much money did the venture ask the fund for').parts[0]!.type).toBe('money');
    expect(grounding.questions.analyze('how much has the budget grown').parts[0]!.type).toBe('amount');
    // A verb whose object is a sum asks for money.
    expect(grounding.questions.analyze('how much has kuala lumpur budgeted for the frigates').parts[0]!.type).toBe('money');
    expect(grounding.questions.analyze('how much did the shipyard bid').parts[0]!.type).toBe('money');
    // After an opening auxiliary a question word opens a clause of its own, unless a verb of telling takes it.
    expect(grounding.questions.analyze('did the minister say anything when the order grew').parts[0]!.type).toBe('yesno');
    expect(grounding.questions.analyze('did the ministry say when the first jet arrives').parts[0]!.type).toBe('date');
    expect(grounding.questions.analyze('can you tell me when the first jet arrives').parts[0]!.type).toBe('date');
    // A business's earnings are a sum of money; a noun they qualify is asked for instead ("profit margin").
    expect(grounding.questions.analyze('kiso marine revenue last year?').parts[0]!.type).toBe('money');
    expect(grounding.questions.analyze("what was kiso marine's profit in 2031").parts[0]!.type).toBe('money');
    expect(grounding.questions.analyze('max profit margin on defence contracts?').parts[0]!.type).not.toBe('money');
    // A yes/no question that ends on the price asks whether, not how much.
    expect(grounding.questions.analyze('is installation included in the price?').parts[0]!.type).toBe('yesno');
    expect(grounding.questions.analyze('is it known how much the price is').parts[0]!.type).toBe('money');
  });

  it('reads "how big is", "how long is" and "how heavy is" as asking for a size, in the units of its measure', () => {
    const part = (question: string) => grounding.questions.analyze(question).parts[0]!;
    const surfaces = (question: string) => part(question).hypothesis.units.map((unit) => unit.surface);
    expect(part('how big is the supplier fund').type).toBe('amount');
    expect(surfaces('how big is the supplier fund')).toEqual(['supplier', 'fund']);
    expect(part('how long is the patrol boat').measuredIn).toEqual(['linear unit', 'time period']);
    expect(part('how heavy is the patrol boat').measuredIn).toEqual(['weight unit', 'mass unit']);
    // "How long can it stay at sea" still asks for a length of time.
    expect(part('how long can the boat stay at sea').type).toBe('duration');
    const sentence = grounding.analyze('Each boat is about 40 metres long, displaces 350 tonnes and was delivered two months late.');
    const lead = (question: string) => findDetail(part(question), sentence, grounding.judge.judge(part(question).hypothesis, sentence), grounding.lexicon)?.lead;
    expect(lead('how long is the boat')).toBe('about 40 metres long');
    expect(lead('how heavy is the boat')).toBe('350 tonnes');
    // A refusal names what was asked for as a size.
    expect(describeMissingDetail(part('how heavy is the patrol boat'), { followsHistory: false })).toBe('The articles do not give the size asked for in "how heavy is the patrol boat".');
  });

  it('reads "how old is" as asking for an age: a person\'s in years, a company\'s by its founding', () => {
    const part = (question: string) => grounding.questions.analyze(question).parts[0]!;
    const lead = (question: string, text: string) => {
      const sentence = grounding.analyze(text);
      return findDetail(part(question), sentence, grounding.judge.judge(part(question).hypothesis, sentence), grounding.lexicon)?.lead;
    };
    expect(lead('how old is Saeki', '"We never expected the order," Saeki, 58, said.')).toBe('58');
    expect(lead('how old is the engineer', 'The 44-year-old engineer joined the company in 2019.')).toBe('44-year-old engineer');
    expect(lead('how old is Kiso Marine', 'Kiso Marine, founded in 1962, employs about 600 people.')).toBe('1962');
    // A name and its role, a headcount and a year of anything else give no age.
    expect(lead('how old is Saeki', 'Saeki, the president of Kiso Marine, signed the contract in 2031.')).toBeUndefined();
    expect(lead('how old is Kiso Marine', 'Kiso Marine employs about 600 people and expects sales to grow in 2032.')).toBeUndefined();
    expect(lead('how old is Kiso Marine', 'Kiso Marine will maintain the boats for three years.')).toBeUndefined();
    expect(describeMissingDetail(part('how old is Saeki'), { followsHistory: false })).toBe('The articles do not give the age asked for in "how old is Saeki".');
    expect(grounding.questions.analyze('how old is kiso marine').searchText).toContain('founded');
  });

  it('gives a part of bare question words the rest of the part after it ("how long and how heavy is the ship")', () => {
    const parts = grounding.questions.analyze('how long and how heavy is the patrol boat').parts;
    expect(parts.map((part) => part.text)).toEqual(['how long is the patrol boat', 'how heavy is the patrol boat']);
    expect(parts.map((part) => part.hypothesis.units.map((unit) => unit.surface))).toEqual([['patrol', 'boat'], ['patrol', 'boat']]);
  });

  it('reads a measured attribute asked alone ("p-1 top speed?", "payload and range") as asking for a figure in its units', () => {
    const part = grounding.questions.analyze('p-1 top speed?').parts[0]!;
    expect(part).toMatchObject({ type: 'amount', measuredIn: ['speed'] });
    expect(grounding.questions.analyze('c-2 payload?').topicOnly).toBe(false);
    const boat = 'The patrol boat has a top speed of 25 knots and a range of 900 km.';
    expect(lead('top speed of the patrol boat?', boat)).toBe('25 knots');
    expect(lead('range of the patrol boat?', boat)).toBe('900 km');
    expect(lead('range of the patrol boat?', 'The patrol boat is 40 metres long.')).toBeUndefined();
    expect(lead('what is the top speed of the patrol boat', 'The patrol boat is 40 metres long.')).toBeUndefined();
    expect(lead('top speed of the jet?', 'The jet flies at up to 996 kilometres per hour.')).toBe('996 kilometres');
    expect(lead('range of the jet?', 'The jet flies at up to 996 kilometres per hour.')).toBeUndefined();
    // Right after the question word too, and power is measured in watts.
    expect(grounding.questions.analyze('above what power does a laser count as lethal').parts[0]).toMatchObject({ type: 'amount', measuredIn: ['power unit'] });
    const rules = 'A laser of more than 10 kilowatts counts as lethal, and exports need approval within one year.';
    expect(lead('above what power does a laser count as lethal', rules)).toBe('10 kilowatts');
    // A part that also asks for something else is left as asked.
    expect(grounding.questions.analyze('hayashima frigate design name and tonnage').parts[0]!.type).toBe('any');
  });

  it('reads "what does it cost" and a fragment opening on a price as asking for a sum', () => {
    const type = (question: string) => grounding.questions.analyze(question).parts[0]!.type;
    expect(type('what do the two extra planes cost')).toBe('money');
    expect(type('value of the maintenance contract?')).toBe('money');
    expect(type('price per boat?')).toBe('money');
    expect(grounding.questions.analyze('price per boat?').parts[0]!.asksRate).toBe(true);
    // "The cost" as the subject of what was said asks for the statement.
    expect(type('what did the lawmakers say about the cost of the radars')).toBe('statement');
    // What a made thing amounts to is its price; a load is weighed.
    expect(lead('so how much is one plane?', 'The transport plane can carry about 30 tonnes of cargo.')).toBeUndefined();
    expect(lead('so how much is one plane?', 'Each plane will cost about 26 billion yen.')).toBe('about 26 billion yen');
    expect(type('how much is the payload')).toBe('amount');
  });

  it('types a noun asked for by what it names, a time before a person ("date" is both to WordNet)', () => {
    const type = (question: string) => grounding.questions.analyze(question).parts[0]!.type;
    expect(type('which date was the contract signed on')).toBe('date');
    expect(type('which company makes the radar')).toBe('organization');
    expect(type('which minister signed it')).toBe('person');
  });

  it('reads a sum asked for one of a kind as a price by the unit, which a total does not give', () => {
    const rate = (question: string) => grounding.questions.analyze(question).parts[0]!.asksRate === true;
    expect(rate('how much does one hsv-60 cost')).toBe(true);
    expect(rate("what's the price of a single mast")).toBe(true);
    expect(rate('how much did the first one cost')).toBe(false);
    expect(rate('how much did one of the ships cost')).toBe(false);
    expect(lead('how much does one hsv-60 cost', 'Prague agreed to buy 24 HSV-60 vehicles for 41.4 billion yen.')).toBeUndefined();
    // "Each shot costs": the unit the sum is by may come before the figure, when it is the one asked about.
    expect(lead('how much does one shot of the hotaru cost', 'Each shot costs about 100 yen in electricity.')).toBe('about 100 yen');
    expect(lead('how much does each hotaru system cost', 'Each shot costs about 100 yen in electricity.')).toBeUndefined();
  });

  it('answers "who" best with a person, and with anyone else as a detail far from the question', () => {
    const detail = (text: string) => {
      const part = grounding.questions.analyze('who signed the contract for japan').parts[0]!;
      const sentence = grounding.analyze(text);
      return findDetail(part, sentence, grounding.judge.judge(part.hypothesis, sentence), grounding.lexicon);
    };
    expect(detail('The contract was signed for Japan by its ambassador, Kenji Shimazu.')).toEqual({ lead: 'Kenji Shimazu', near: true });
    expect(detail('Kawasaki signed the contract for Japan on Thursday.')).toEqual({ lead: 'Kawasaki', near: false });
  });

  it('leads a "where" answer with a place, one after "in" first, never an adjective of nationality', () => {
    expect(lead('where will the venture make the drones', 'Japanese drone maker Tsubasa Dynamics will make the drones in Japan with an Italian partner.')).toBe('Japan');
    // "Which countries" wants a country, not any name.
    expect(lead('which countries did the report name', 'The report was released by the Cabinet Secretariat on Tuesday.')).toBeUndefined();
    expect(lead('which countries did the report name', 'The report named Vietnam and Britain.')).toBe('Vietnam');
    expect(lead('where is the factory', 'Japan said the partners will build the factory in Komaki, near Nagoya.')).toBe('Komaki');
  });

  it('leads a "when" answer with the date that names its month, not the weekday beside it', () => {
    expect(lead('when did the council approve the transfer?', 'Officials said the council approved the transfer on Tuesday, June 9.')).toBe('June 9');
    // A weekday alone still answers, but ranks as a detail far from the question's words, and
    // the sentence is quoted without it as a lead: "Thursday." is no answer to "when".
    const part = grounding.questions.analyze('when does vietnam get its first aircraft').parts[0]!;
    const sentence = grounding.analyze('Vietnam signed a contract on Thursday to buy its first aircraft.');
    expect(findDetail(part, sentence, grounding.judge.judge(part.hypothesis, sentence), grounding.lexicon)).toEqual({ lead: '', near: false });
    // "What day" asks for one.
    expect(lead('what day did vietnam sign the contract', 'Vietnam signed the contract on Thursday.')).toBe('Thursday');
  });

  it('reads the type from the first question word, not from a later clause', () => {
    expect(grounding.questions.analyze('who was foreign minister when the rule was adopted').parts[0]!.type).toBe('person');
    expect(grounding.questions.analyze('when did the minister who backed the rule resign').parts[0]!.type).toBe('date');
    expect(grounding.questions.analyze('what must buyers commit to when they receive the equipment?').parts[0]!.type).toBe('any');
    expect(grounding.questions.analyze('which company was chosen when the bids were opened?').parts[0]!.type).toBe('organization');
    expect(grounding.questions.analyze("what's the frigate deal worth").parts[0]!.type).toBe('money');
    // A fragment that ends on the word for money asks for money, and that word is not one to match.
    expect(lead('frigate deal price?', 'Australia signed a contract to buy 11 frigates for 1.6 billion dollars.')).toBe('1.6 billion dollars');
    // ... also by the unit it is counted per.
    expect(grounding.questions.analyze('amber mine hunter price per boat?').parts[0]!.type).toBe('money');
    // After "how much", the word says what the money is, so it stays a word to match: sales are no cost.
    expect(grounding.questions.analyze('how much does one frigate cost').parts[0]!.head).toBeUndefined();
    expect(grounding.questions.analyze('frigate deal price?').parts[0]!.head?.lower).toBe('price');
  });

  it('names for "who is the <role>" only someone the sentence gives that role', () => {
    const takaichi = 'The rules were loosened in April by Prime Minister Sanae Takaichi, with Foreign Minister Takeshi Iwaya at her side.';
    expect(lead('who was the foreign minister when the rules were loosened', takaichi)).toBe('Takeshi Iwaya');
    expect(lead('who was the foreign minister when the rules were loosened', 'The rules were loosened in April by Prime Minister Sanae Takaichi.')).toBeUndefined();
    // No person in the role, so no country or organisation in its place.
    expect(lead('who will be chief executive of the joint venture', "Japan's Tsubasa Dynamics and Italy's Aurelia Sistemi will set up a joint venture.")).toBeUndefined();
    // A deputy is not the office asked about.
    expect(lead('who is the defence minister', 'Deputy Defence Minister Arief Wibisono said the ministry had chosen the system.')).toBeUndefined();
    expect(lead('who is the deputy defence minister', 'Deputy Defence Minister Arief Wibisono said the ministry had chosen the system.')).toBe('Arief Wibisono');
    // ... nor is a rank written into the word.
    expect(lead('who is the philippine defense secretary', 'It was signed by Philippine Defense Undersecretary Teresita Dimaculangan.')).toBeUndefined();
    // A name after "who is" is the person asked about, not a role.
    expect(grounding.questions.analyze('who is dewi anggraini').parts[0]!.role).toBeUndefined();
    // "Who was named" asks for the holder of the role, as "who is" does.
    expect(lead('who was named chief executive of the joint venture', "Japan's Tsubasa Dynamics and Italy's Aurelia Sistemi will set up a joint venture.")).toBeUndefined();
    expect(lead('who was appointed chief executive of the joint venture', 'The venture appointed Marco Ferri as its chief executive.')).toBe('Marco Ferri');
    // "Who's" asks for the holder of the role as "who is" does.
    expect(grounding.questions.analyze("whos the defence minister").parts[0]!.role).toHaveLength(2);
    // A title nearer another person is that person's: the secretary is not the minister.
    const signers = "It was signed by its permanent secretary, Lars Berg, Norway's deputy defence minister, Ingrid Dahl, and others.";
    expect(lead("who's the defence minister", signers)).toBeUndefined();
    expect(lead('who is the permanent secretary', signers)).toBe('Lars Berg');
    // An organisation's name holds no title: the lawmaker is the person before it.
    expect(lead("who's the labour lawmaker who criticised the sale", 'Tomas Hale, the Norwegian Labour Party lawmaker who criticised the sale, spoke on Monday.')).toBe('Tomas Hale');
    // Initials stand for their words ("CEO": chief executive), and the office must be of what is asked.
    const ceo = 'Marta Rossi, chief executive of Aurelia Sistemi, said the joint venture would hire 40 engineers.';
    expect(lead('who is the ceo of aurelia', ceo)).toBe('Marta Rossi');
    expect(lead('who will be ceo of the joint venture', ceo)).toBeUndefined();
    // "Name of the <role>" asks for the holder of the role as "who is" does.
    const secretaries = "Latvia's state secretary for defence, Ilze Kalnina, said the shells would arrive in 2032.";
    expect(lead('name of the chief cabinet secretary who talked about the shells', secretaries)).toBeUndefined();
    expect(lead('name of the state secretary who talked about the shells', secretaries)).toBe('Ilze Kalnina');
  });

  it('leaves out an adverb that opens a question before its question word', () => {
    const units = (question: string) => grounding.questions.analyze(question).parts[0]!.hypothesis.units.map((unit) => unit.surface);
    expect(units('roughly how many engineers does the shipyard employ')).toEqual(['engineers', 'shipyard', 'employ']);
    // Inside a question it may be what is asked.
    expect(units('does the brief say exactly which weapons are covered')).toContain('exactly');
  });

  it('reads "there" after a verb as a place the conversation named, not "is there" or "are there"', () => {
    const history = [
      { role: 'user' as const, content: 'who makes the hsv-60?' },
      { role: 'assistant' as const, content: 'Hikone Special Vehicles Co., based in Hikone, Shiga Prefecture.' },
    ];
    expect(grounding.questions.analyze('how many people work there', history).searchText).toContain('Hikone');
    expect(grounding.questions.analyze('how many fire engines are there in the order', history).searchText).not.toContain('Hikone');
  });

  it('searches for a noun no article uses by the synonyms of its first sense that they use', () => {
    // The articles speak of "spending", never of an "outlay".
    expect(grounding.questions.analyze('how big is the outlay on defence').searchText).toBe('how big is the outlay on defence spending');
    // A noun they use is searched for as it is, and so is a verb they lack ("arrive").
    expect(grounding.questions.analyze('how big is the spending on defence').searchText).toBe('how big is the spending on defence');
    expect(grounding.questions.analyze('when will the first jets arrive').searchText).toBe('when will the first jets arrive');
  });

  it('repairs chat typing against the corpus and common English', () => {
    expect(grounding.questions.repair('wat did kishida say abt japn goverment')).toBe('what did kishida say about japan government');
    // A real word is not a typo for a longer one it happens to spell in order.
    expect(grounding.questions.repair('they hope to seal a deal')).toBe('they hope to seal a deal');
    // A typo common enough for GloVe to list is still the corpus word one edit away, far more frequent.
    expect(grounding.questions.repair('is it an act of agression')).toBe('is it an act of aggression');
    // Shortenings of corpus words are expanded; dictionary words that start like one are words of their own.
    expect(grounding.questions.repair('did the govt back the plan')).toBe('did the government back the plan');
    expect(grounding.questions.repair('none of the stake they agree on')).toBe('none of the stake they agree on');
    // Chat shortenings no word vector leads back to are spelled out as an article would print them.
    expect(grounding.questions.repair('acc to the univ expert, the uav dev cost rose')).toBe('according to the university expert, the drone development cost rose');
    expect(grounding.questions.repair('the council ok\'d it at a mtg, incl the tax')).toBe('the council ok\'d it at a meeting, including the tax');
    expect(grounding.questions.repair('who pays for the harbour prep work')).toBe('who pays for the harbour preparation work');
    // "Sept" is no month to the date reader, which then reads "sept 30 2037" as a count and a year.
    expect(grounding.questions.repair('the first one is due by sept 30 2037')).toBe('the first one is due by september 30 2037');
    expect(grounding.analyze(grounding.questions.repair('due by sept 30 2037')).quantities.map((quantity) => quantity.kind)).toEqual(['year']);
    // So are their inflected forms: "subs" (sub, a submarine) is not short for "substantially".
    expect(grounding.questions.repair('how long can the subs stay down')).toBe('how long can the subs stay down');
    // A capitalised word inside a sentence is a name as written; at the start it may still be a typo.
    expect(grounding.questions.repair('The first battery is based at Ranai')).toBe('The first battery is based at Ranai');
    expect(grounding.questions.repair('Japn sold missiles')).toBe('japan sold missiles');
    // Two letters swapped into a rarer English word still mean the article's word.
    expect(grounding.questions.repair('what did the minsiter say')).toBe('what did the minister say');
    // A repair is a word in the form typed, not the corpus's stem of it ("deploy" of "deployed").
    expect(grounding.questions.repair('when will the jets be deplyed')).toBe('when will the jets be deployed');
    // Tokens with digits or a contraction stay whole; a possessive keeps its word repairable.
    expect(grounding.questions.repair("the 3rd ship hadn't sailed from japn's port")).toBe("the 3rd ship hadn't sailed from japan's port");
    // Contractions typed without the apostrophe, negations above all; "cant" and "wont" are words.
    expect(grounding.questions.repair('whats the price and didnt japan sell them')).toBe("what's the price and didn't japan sell them");
    expect(grounding.questions.repair('a wont to sell')).toBe('a wont to sell');
    expect(grounding.questions.repair('is japan building its next fighter')).toBe('is japan building its next fighter');
    // An acronym in capitals, and a word joined to a number, are written as meant.
    expect(grounding.questions.repair('what radar will the HS-45 carry')).toBe('what radar will the HS-45 carry');
    // The fiscal year as chat writes it, as the articles write it.
    expect(grounding.questions.repair('licences issued in fy2028 and fy27, and next fy')).toBe('licences issued in fiscal 2028 and fiscal 2027, and next fiscal year');
    expect(grounding.questions.repair('hs-45 crew size')).toBe('hs-45 crew size');
    // The magnitude of a sum as chat shortens it, only after a number.
    expect(grounding.questions.repair('whats covered by the 21.6 bn yen, or 270mn dollars')).toBe("what's covered by the 21.6 billion yen, or 270 million dollars");
    expect(grounding.questions.repair('is the deal worth 1.2tn yen')).toBe('is the deal worth 1.2 trillion yen');
    // One letter is a magnitude only after a currency sign or before a currency's name, in any
    // of its forms ("lei" is the leu's plural): "128m" is a length.
    expect(grounding.questions.repair('why is the deal C$597m now, not £24m')).toBe('why is the deal C$597 million now, not £24 million');
    expect(grounding.questions.repair('a 450m lei loan and 2b euros of bonds')).toBe('a 450 million lei loan and 2 billion euros of bonds');
    expect(grounding.questions.repair('is the hull 128m long')).toBe('is the hull 128m long');
    expect(grounding.questions.repair('WAT DID JAPN SAY')).toBe('what DID japan SAY');
    // A name the articles hyphenate, typed as one word; an English word is never split.
    expect(grounding.questions.repair('the mogamiclass frigates')).toBe('the mogami-class frigates');
    expect(grounding.questions.repair('the warplanes and the shipbuilder')).toBe('the warplanes and the shipbuilder');
  });

  it('keeps the negation of a contraction typed without its apostrophe', async () => {
    const verdict = await service.factcheck('Japan didnt sell Patriot missiles to the US.');
    expect(verdict.verdict).toBe('refuted');
  });
});

async function ask(question: string) {
  const answer = await service.ask({ question });
  expect(citationProblems(answer, (await articlesOf(service)))).toEqual([]);
  return answer;
}

describe('models named by designators', () => {
  it('ends a name at a comma', () => {
    expect(grounding.analyze('The arrays will watch the approaches to the Barents Sea, ATLA said.').names.map((name) => name.surface)).toEqual(['Barents Sea', 'ATLA']);
    expect(grounding.analyze('Takumi Segawa, Parliamentary Vice-Minister for Foreign Affairs, rejected the call.').names[0]!.surface).toBe('Takumi Segawa');
  });

  it('reads a designator as a name, in any case and in the plural', () => {
    expect(grounding.analyze('Vietnam signs P-1 deal for three aircraft.').names.map((name) => name.surface)).toEqual(['P-1']);
    expect(judge('Vietnam will buy three P-1s.', 'Vietnam signed a contract to buy three Kawasaki P-1 aircraft.').label).toBe('entails');
    // "HSV-60s", whose "60s" reads as a decade, is one designator all the same.
    expect(grounding.analyze('Prague is buying 24 HSV-60s.').names.map((name) => name.surface)).toEqual(['HSV-60s']);
    expect(judge('Prague is buying 24 HSV-60s for 41.4 billion yen.', 'Prague agreed to buy 24 HSV-60 rescue vehicles for 41.4 billion yen.').label).toBe('entails');
  });

  it('sets a model against another model only, and never against a name the claim already matches', () => {
    const claim = 'Vietnam evaluated the C295 as an alternative to the P-1.';
    // A person is no rival of a model ...
    expect(judge(claim, 'Deputy Defence Minister Tran Quoc Hung said the P-1 had been picked after a long evaluation.').label).not.toBe('contradicts');
    // ... nor is "Kawasaki P-1", which names the P-1 the claim speaks of.
    expect(judge(claim, 'Vietnam evaluated the Kawasaki P-1 against other aircraft.').label).not.toBe('contradicts');
    // Another model in its place is.
    expect(judge('Vietnam chose the C295 for its navy.', 'Vietnam chose the Kawasaki P-1 for its navy.').label).toBe('contradicts');
  });

  it('does not answer "who" with a name the question already names in part', () => {
    const part = grounding.questions.analyze('who signed the p-1 contract for tokyo').parts[0]!;
    const sentence = grounding.analyze('Vietnam signed the contract for three Kawasaki P-1 aircraft in Hanoi.');
    expect(findDetail(part, sentence, grounding.judge.judge(part.hypothesis, sentence), grounding.lexicon)?.lead).not.toBe('Kawasaki P-1');
  });
});

describe('the parts of a claim', () => {
  const partsOf = (claim: string) => claimParts(grounding.analyze(claim)).map((part) => (part.earlier ? `(earlier) ${part.text}` : part.text));

  it('splits verbs that share a subject, clauses of their own, and a figure the claim compares its own with', () => {
    expect(partsOf('The P-1 can fly roughly 8,000 km and usually carries a crew of 13.')).toEqual(['The P-1 can fly roughly 8,000 km', 'The P-1 usually carries a crew of 13']);
    expect(partsOf('Kurose quit the radar work in January, saying a surge in orders meant it could not guarantee capacity.')).toEqual([
      'Kurose quit the radar work in January',
      'Kurose saying a surge in orders meant it could not guarantee capacity',
    ]);
    expect(partsOf('Chile could not get them before 2039, as the production line is tied up until mid-2038.')).toEqual(['Chile could not get them before 2039', 'the production line is tied up until mid-2038']);
    expect(partsOf('Sales of 30 billion yen or more need approval, down from the 50 billion yen proposed in the draft.')).toEqual([
      'Sales of 30 billion yen or more need approval',
      '(earlier) the 50 billion yen proposed in the draft',
    ]);
  });

  it('leaves whole what states one thing: nouns joined by "and", a name in apposition', () => {
    expect(partsOf('Tokyo and New Delhi hope to seal a deal on the masts by March 2026.')).toEqual([]);
    expect(partsOf('Kuala Lumpur is weighing a bid from Hayashima, a Kure-based shipyard, for its new frigates.')).toEqual([]);
  });
});

describe('dates without a year', () => {
  it('reads a date without a year as one of its article\'s year', () => {
    const hypothesis = grounding.judge.hypothesis(grounding.analyze('All the radars are due to be working by the end of 2031.'));
    const sentence = grounding.analyze('The budget for the radars, which begins on October 1, was approved.');
    const inArticleOf = (year: number) => ({ ...sentence, quantities: sentence.quantities.map((quantity) => ({ ...quantity, impliedYear: year })) });
    const dateUnit = (judgement: ReturnType<typeof grounding.judge.judge>) => judgement.alignment.find((entry) => entry.unit.kind === 'quantity')!;
    // "October 1" of an article of 2028 is no date in 2031; of an article of 2031 it is one.
    expect(dateUnit(grounding.judge.judge(hypothesis, inArticleOf(2028))).strength).toBe(0);
    expect(dateUnit(grounding.judge.judge(hypothesis, inArticleOf(2031))).strength).toBe(1);
  });
});

describe('sentences read in their article', () => {
  const sentenceOf = async (question: string, start: string) => {
    const candidates = candidateSentences(await service.retrieve({ question }));
    return grounding.sentence(candidates.find((candidate) => candidate.text.startsWith(start))!);
  };

  it('reads a date without a year ("said on Tuesday") as one of its article\'s year', async () => {
    const said = await sentenceOf('what did the spokesman say about fighter jets', '"The plan to make fighter jets');
    expect(said.quantities.find((quantity) => quantity.kind === 'date')?.impliedYear).toBe(2024);
  });

  it('reads a definite noun as the compound its article named before ("the jets" after "fighter jets")', async () => {
    const deployed = await sentenceOf('when will the jets be deployed', 'The jets are expected to be deployed');
    expect(deployed.words.find((word) => word.lower === 'jets')!.antecedent?.lemma).toBe('fighter');
    // Only a noun modifier names a kind: nothing stands behind "pilots" in the same sentence.
    const joined = await sentenceOf('when did japan join the tempest', 'In December 2022');
    expect(joined.words.filter((word) => word.antecedent)).toEqual([]);
    // "The jets" is then a kind of warplane, as "fighter jets" is.
    const hypothesis = grounding.judge.hypothesis(grounding.analyze('the warplanes'));
    expect(grounding.judge.judge(hypothesis, deployed).alignment[0]).toMatchObject({ kind: 'narrower', sentenceWords: [1] });
    expect(grounding.judge.judge(hypothesis, deployed).support).toBeGreaterThanOrEqual(MATCHED);
  });
});

describe('answers to questions in everyday wording', () => {
  it('answers a yes/no question with aliases and a converse verb from the sale sentence', async () => {
    const answer = await ask('Is America buying Patriot missiles from Japan?');
    expect(answer.refused).toBe(false);
    expect(answer.citations[0]!.quote).toContain('will sell Patriot air defense missiles to the U.S.');
  });

  it('answers "no" to a yes/no question with the sentence giving another value in its place', async () => {
    const answer = await ask('will the new fighter jets still be deployed by 2030?');
    expect(answer.refused).toBe(false);
    expect(answer.citations[0]!.quote).toContain('deployed by 2035');
  });

  it('answers "what was the reason" with a reason and "what is the number of" with a count, not with the words', async () => {
    expect((await ask('what was the reason Japan eased its export rules?')).refused).toBe(false);
    const count = await ask('what is the number of countries that signed transfer agreements');
    expect(count.refused).toBe(false);
    expect(count.answer).toMatch(/^17 countries\./);
  });

  it('does not answer what a thing is like with a sentence that never speaks of it', async () => {
    // "Speed" is what is asked: a sentence about the missiles that gives no speed is no answer.
    const answer = await ask('whats the top speed of the Patriot missiles Japan will sell?');
    expect(answer.refused).toBe(true);
  });

  it('names the company the articles do not give instead of quoting the sale', async () => {
    const answer = await ask('Which company makes the Patriot missiles Japan will sell?');
    expect(answer.refused).toBe(true);
    expect(answer.answer).toMatch(/do not name the company that makes the Patriot missiles/);
  });

  it.each([
    ['What year did Japan sell the frigates?', 'The articles do not give the date asked for in "What year did Japan sell the frigates".'],
    ['Which day will the frigates arrive in Australia?', 'The articles do not give the date asked for in "Which day will the frigates arrive in Australia".'],
    ['Who did Japan sell the frigates to?', 'The articles do not give the person asked for in "Who did Japan sell the frigates to".'],
    ['Which company makes the Patriot missiles?', 'The articles do not name the company that makes the Patriot missiles.'],
    ['Who signed the frigate contracts?', 'The articles do not name who signed the frigate contracts.'],
  ])('words the missing detail of "%s" as a sentence', (question, message) => {
    const part = grounding.questions.analyze(question).parts[0]!;
    expect(describeMissingDetail(part, { followsHistory: false })).toBe(message);
  });

  it.each([
    ['what is the top speed of the Patriot missiles', 'speed'],
    ["what is the Patriot's top speed", 'speed'],
    ['What was the population of Tokyo?', 'population'],
    ["what was kiso marine's profit in 2031", 'profit'],
    ["what is the company's net profit", 'profit'],
    ["what were the two other drones the army's engineers tested", 'drones'],
  ])('finds the noun asked about past a copula and a possessor in "%s"', (question, head) => {
    expect(grounding.questions.analyze(question).parts[0]!.head?.lower).toBe(head);
  });

  it('asks for an attribute to be named only when it is no aim, reason, status or name', () => {
    const part = (question: string) => grounding.questions.analyze(question).parts[0]!;
    expect(part('what is the warranty of the Patriot missiles').asksAttribute).toBe(true);
    for (const question of ['what is the main goal of the new export rules', 'what is the status of the fighter project', 'what is the name of the company that makes the missiles']) {
      expect(part(question).asksAttribute, question).toBeFalsy();
    }
    // "Goal" after a copula is what is asked about, not a kind of answer (a goal is also a place).
    expect(part('what is the main goal of the new export rules').type).toBe('any');
  });

  it('does not read a partitive "which of" as the thing asked for', () => {
    const part = grounding.questions.analyze('Which of the frigates is first?').parts[0]!;
    expect(describeMissingDetail(part, { followsHistory: false })).toMatch(/^The articles do not give the \w+ asked for in "Which of the frigates is first"\.$/);
  });

  it('takes the noun a hyphenated word qualifies for the head ("the cut-off value")', () => {
    const head = (question: string) => grounding.questions.analyze(question).parts[0]!.head?.lower;
    expect(head("what's the cut-off value for needing five ministers to sign off")).toBe('value');
  });

  it('does not take the noun of a phrase after "how many" for the thing counted ("how many after the change")', () => {
    const head = (question: string) => grounding.questions.analyze(question).parts[0]!.head?.lower;
    expect(head('and how many after the change in feb?')).toBeUndefined();
    expect(head('how many at the end of the year')).toBeUndefined();
    expect(head('how many of the 38 companies are based in osaka')).toBe('companies');
    expect(head('how many frigates after the change')).toBe('frigates');
  });

  it('refuses an object question in a sentence that reads', async () => {
    const answer = await ask('What year did Japan sell the frigates?');
    expect(answer.refused).toBe(true);
    expect(answer.answer).toBe('The articles do not give the date asked for in "What year did Japan sell the frigates".');
  });

  it('does not quote a follow-up, which means little on its own', async () => {
    const answer = await service.ask({
      question: 'And when was that?',
      history: [
        { role: 'user', content: 'Did Japan sell frigates to Australia?' },
        { role: 'assistant', content: 'Yes.' },
      ],
    });
    expect(answer.refused).toBe(true);
    expect(answer.answer).toBe('The articles do not give the date asked for.');
  });

  it('lists passages for a lone subject, asking what is wanted, but answers it as a follow-up', async () => {
    const topic = await ask('frigates');
    expect(topic.refused).toBe(true);
    expect(topic.answer).toContain('"frigates" names a subject but asks nothing about it');
    expect(topic.related?.some((passage) => passage.quote.includes('frigates'))).toBe(true);
    const followUp = await service.ask({
      question: 'and frigates?',
      history: [
        { role: 'user', content: 'Which countries can buy Japanese weapons?' },
        { role: 'assistant', content: '17 countries.' },
      ],
    });
    expect(followUp.answer).not.toContain('names a subject');
    expect((await ask('Mogami frigates for Australia')).refused).toBe(false);
  });

  it('does not refuse a question for a figure the articles do not give', async () => {
    const wrongCount = await ask('did japan sign contracts to sell 40 mogami frigates to australia?');
    expect(wrongCount.answer).not.toContain('do not mention');
    expect(wrongCount.citations[0]?.quote).toContain('11 upgraded Mogami-class frigates');
  });

  it('understands chat typing', async () => {
    const answer = await ask('wat did kishida say abt selling warplanes');
    expect(answer.refused).toBe(false);
    expect(answer.answer).toContain('necessary');
  });

  it('answers both parts of a two-part question', async () => {
    const answer = await ask('How much is Japan increasing its defense budget, and what will the money buy?');
    expect(answer.refused).toBe(false);
    // Each typed part leads with its own direct answer.
    expect(answer.answer).toMatch(/^16 percent\. /);
    expect(answer.answer).toContain('16 percent');
    expect(answer.answer).toContain('F-35');
  });

  it('answers when the warplanes enter service with the date "the jets" (the fighter jets) are deployed', async () => {
    const answer = await ask('When will the warplanes enter service?');
    expect(answer.refused).toBe(false);
    expect(answer.answer).toMatch(/^By 2035\./);
    expect(answer.citations[0]!.quote).toContain('deployed by 2035');
  });

  it('quotes the rule on countries at war first for a question about them', async () => {
    const answer = await ask('Can Japan now send lethal weapons to a country at war?');
    expect(answer.refused).toBe(false);
    expect(answer.citations[0]!.quote).toMatch(/ongoing conflicts remain prohibited/);
  });

  it('leads a "who" answer with a country named as one, not an adjective of nationality', async () => {
    const answer = await ask('who will buy the patriot missiles');
    expect(answer.refused).toBe(false);
    expect(answer.answer).toMatch(/^U\.S\. /);
  });

  it('reads chat contractions as the words they stand for, not as terms the articles lack', async () => {
    const answer = await ask('when is japan gonna deploy the new fighter jets');
    expect(answer.refused).toBe(false);
    expect(answer.answer).toContain('2035');
    // "r" and "u" are "are" and "you", not words the sentence must match.
    const hypothesis = grounding.questions.analyze('wen r the new fighters supposed to be deployed').parts[0]!.hypothesis;
    expect(hypothesis.units.map((unit) => unit.surface)).not.toContain('r');
  });

  it('knows a word the corpus has only in another derived form', () => {
    // The articles say "buy" and "sell", never "buyer".
    expect(grounding.lexicon.knownToCorpus({ lower: 'buyers', lemma: 'buyer' })).toBe(true);
    expect(grounding.lexicon.knownToCorpus({ lower: 'submarines', lemma: 'submarine' })).toBe(false);
  });

  it.each(['x', '😀', '???', 'lol', 'ok thanks'])('asks to rephrase "%s" instead of answering', async (question) => {
    const answer = await ask(question);
    expect(answer.refused).toBe(true);
    expect(answer.citations).toEqual([]);
    expect(answer.answer).toMatch(/gives nothing to look up/);
  });

  it.each(['translate hello into japanese', 'Can you help me write a cover letter for the fighter jet sale?', 'please draft an email about the Patriot missiles'])(
    'says what the service does when asked for another job: "%s"',
    async (question) => {
      const answer = await ask(question);
      expect(answer.refused).toBe(true);
      expect(answer.citations).toEqual([]);
      expect(answer.answer).toMatch(/answers questions from its articles .* it cannot (translate|write|draft) for you/);
    },
  );

  it('reads a question that merely uses a verb of writing, or asks to be told or shown, as a question', async () => {
    for (const question of ['who wrote the report on the patriot sale', 'please tell me who will buy the patriot missiles', 'can you explain why japan is selling patriot missiles']) {
      expect(grounding.questions.analyze(question, []).task).toBeUndefined();
    }
    expect((await ask('please tell me who will buy the patriot missiles')).answer).toMatch(/^U\.S\. /);
  });

  it('refuses a question about a country the articles never mention, naming it', async () => {
    const answer = await ask('How many tanks has Japan exported to Poland?');
    expect(answer.refused).toBe(true);
    expect(answer.answer).toMatch(/Poland/);
  });

  it('refuses an off-topic question about a thing the articles never mention, even one the tagger takes for a verb', async () => {
    const answer = await ask('can i track the yen to dollar rate in excel');
    expect(answer.refused).toBe(true);
    expect(answer.answer).toMatch(/excel/);
  });
});

describe('fact-checks of claims in everyday wording', () => {
  it.each([
    ['Japan will sell Patriot missiles to America.', 'supported'],
    ['Tokyo will sell Patriot missiles to Washington.', 'supported'],
    ['Tokyo plans to sell Patriot interceptors to Washington.', 'supported'],
    ['US ambassador George Glass criticized the move.', 'refuted'],
    ['Japan exported tanks to Poland last year.', 'not_enough_info'],
  ])('"%s" is %s', async (claim, verdict) => {
    const result = await service.factcheck(claim);
    expect(result.verdict).toBe(verdict);
  });
});

describe('the sentence next to a quoted one', () => {
  const text = 'Shipyards may now export complete boats. Previously, only hull sections could be sold. Officials expect a first sale.\n\nSources: ministry notice.';
  const article: Article = { id: 'boats', title: 'Boats', text, excluded: [{ start: text.indexOf('Sources'), end: text.length, reason: 'source-list' }], sourceFile: 'boats.md' };
  /** A passage of one chunk that holds only the sentences at these indexes. */
  const passageOf = (...indexes: number[]): Passage => {
    const all = [[0, 40], [41, 86], [87, 117]].map(([start, end]) => ({ start: start!, end: end! }));
    const sentences = indexes.map((i) => all[i]!);
    const [start, end] = [sentences[0]!.start, sentences.at(-1)!.end];
    return { article, text: text.slice(start, end), score: 1, chunk: { articleId: 'boats', ordinal: 0, start, end, text: text.slice(start, end), sentences } };
  };

  it('is found in the article when it lies past the edge of the retrieved chunk', () => {
    const [first] = candidateSentences([passageOf(0)]);
    expect(first!.text).toBe('Shipyards may now export complete boats.');
    expect(neighbourOf(first!, [first!], 1)).toMatchObject({ text: 'Previously, only hull sections could be sold.', start: 41, end: 86 });
    const [middle] = candidateSentences([passageOf(1)]);
    expect(neighbourOf(middle!, [middle!], -1)?.text).toBe('Shipyards may now export complete boats.');
  });

  it('is none past the article\'s included text', () => {
    const [last] = candidateSentences([passageOf(2)]);
    expect(last!.text).toBe('Officials expect a first sale.');
    expect(neighbourOf(last!, [last!], 1)).toBeUndefined();
  });
});

describe('"the company" and an opening "it"', () => {
  /** The candidate sentences of a one-passage article of these sentences. */
  const candidatesOf = (id: string, lines: string[]) => {
    const text = lines.join(' ');
    const article: Article = { id, title: id, text, excluded: [], sourceFile: `${id}.md` };
    const sentences = lines.map((sentence) => ({ start: text.indexOf(sentence), end: text.indexOf(sentence) + sentence.length }));
    return candidateSentences([{ article, text, score: 1, chunk: { articleId: id, ordinal: 0, start: 0, end: text.length, text, sentences } }]);
  };
  const candidates = candidatesOf('kiso', [
    'Kiso Marine Systems said it would build the boats in Gifu.',
    'The company was founded in 1962 and employs about 600 people.',
    'It reported sales of ¥12 billion last year.',
    'It is the first export for a Gifu shipyard.',
    'Hakone Power Systems will supply the engines.',
    'Kenji Saeki, the president of Kiso Marine Systems, signed the contract.',
    'The company has about 2,100 employees.',
  ]);
  const judgeAt = (hypothesis: string, index: number) => grounding.judge.judge(grounding.judge.hypothesis(grounding.analyze(hypothesis)), grounding.sentence(candidates[index]!), grounding.passage(candidates[index]!.passage));
  const referentsOf = (sentences: typeof candidates, index: number) => grounding.sentence(sentences[index]!).words.flatMap((word) => (word.refersTo ? [`${word.surface}: ${word.refersTo.join(' ')}`] : []));
  const referents = (index: number) => referentsOf(candidates, index);

  it('take up the organisation the sentences before open with', () => {
    expect(referents(1)).toEqual(['company: kiso marine systems']);
    expect(referents(2)).toEqual(['It: kiso marine systems']);
    // "It is the first ..." stands for nothing; a person opening the sentence before is no organisation.
    expect(referents(3)).toEqual([]);
    expect(referents(6)).toEqual([]);
    expect(judgeAt('Kiso Marine Systems was founded in 1962.', 1).label).toBe('entails');
    // A name typed in lower case is matched through the reference too.
    expect(judgeAt('kiso marine systems was founded in 1962', 1).alignment.find((entry) => entry.unit.surface === 'kiso')?.strength).toBeGreaterThan(0.5);
  });

  it('take up a company whose name ends on no English word, when its article writes it with "Co." or the like', () => {
    const lines = ['Hotaka Cryonics Co. will build the coolers.', 'Hotaka Cryonics is based in Matsumoto.', 'It was founded in 1971.', 'Mariko Tanabe leads the project.', 'It was set up in 2030.'];
    expect(referentsOf(candidatesOf('hotaka', lines), 2)).toEqual(['It: hotaka cryonics']);
    // A person's name, which no article writes with a company's suffix, is no organisation.
    expect(referentsOf(candidatesOf('hotaka', lines), 4)).toEqual([]);
    expect(referentsOf(candidatesOf('hotaka', lines.slice(1)), 1)).toEqual([]);
  });

  it('keep the passage from lending the sentence another organisation', () => {
    const passage = grounding.analyze(`Hakone Power Systems will supply the engines. ${candidates[1]!.text}`);
    const judgement = grounding.judge.judge(grounding.judge.hypothesis(grounding.analyze('Hakone Power Systems was founded in 1962.')), grounding.sentence(candidates[1]!), passage);
    expect(judgement.label).not.toBe('entails');
  });
});

/** Writes an article into a corpus folder: its front matter, then its paragraphs. */
// Sentences that keep the facts of the hovercraft article in passages of their own.
const HOVERCRAFT_BACKGROUND = [
  'Rescue hovercraft skim over floodwater and tidal mud.',
  'Hovercraft makers in Kobe had lobbied for the change.',
  'The craft carry no weapons.',
  'Hovercraft crews train at Ise Bay.',
  'The Kobe makers welcomed the decision.',
  'Two opposition parties asked for a Diet debate on hovercraft.',
  'The hovercraft rules will be reviewed every five years.',
  'Hovercraft buyers must file yearly reports.',
  'Smaller hovercraft sales go to the trade ministry.',
  'Hovercraft makers called the process slow.',
  'The trade ministry will publish hovercraft guidance.',
  'Hovercraft demand is growing in Southeast Asia.',
];

function writeArticle(corpus: string, id: string, title: string, published: string, paragraphs: string[]): Promise<void> {
  return writeFile(join(corpus, `${id}.md`), ['---', `id: ${id}`, `title: ${title}`, `published: ${published}`, '---', paragraphs.join('\n\n')].join('\n'));
}

describe('answers over articles added for one point each', () => {
  let own: QaService;

  /** Asks over the one-point articles and expects an answer (no refusal) that contains the phrase. */
  async function expectAnswered(question: string, phrase: string): Promise<void> {
    const answer = await own.ask({ question });
    expect(answer.refused).toBe(false);
    expect(answer.answer).toContain(phrase);
  }

  beforeAll(async () => {
    const corpus = await copyOfCorpus();
    // Each article makes one point: [id, title, published, paragraphs].
    const articles: [string, string, string, string[]][] = [
      // The senator's sentence names neither the Filipinos nor the refurbishment bill: its title does.
      ['refit-bill', "Filipino lawmakers question the refurbishment bill for Japan's escorts", '2027-11-18', [
        'The refurbishment of the three destroyer escorts will cost 8.6 billion yen.',
        'Senator Cecilia Baltazar, who chairs the defence committee, said the cost was too high for ships that old.',
      ]],
      // The sum in the second sentence pays for something other than the radars its passage names.
      ['radar-gift', 'Japan to give Manila two radars with its retired escorts', '2027-05-04', [
        'Japan will give the Philippines two Mitsubishi Electric radars along with four retired destroyer escorts.',
        'The Philippines will pay $18 million to fit the ships with data links.',
      ]],
      // The factory's town is in the third sentence; the first names the founder's home town.
      ['drone-venture', 'Japanese and Italian drone makers form a venture', '2026-09-09', [
        "Japanese drone maker Tsubasa Dynamics and Italy's Aurelia Sistemi will set up a joint venture to build reconnaissance drones.",
        'Tsubasa Dynamics, founded in 2012, has its headquarters in Sagamihara.',
        'The partners will build a drone factory in Komaki, Aichi Prefecture, with production from 2028.',
      ]],
      // The date is in a sentence that names the system only by its kind; its passage names the rest.
      ['kestrel-systems', 'Japan to sell Kestrel air defence systems to Fiji', '2027-03-02', [
        'SUVA, March 2, 2027 — Japan will sell six Kestrel air defence batteries to Fiji, officials said on Tuesday.',
        'The first missile system is now due in 2029, a year later than planned, and the last in 2031.',
        'The two governments aim to sign a maintenance agreement for the batteries by June 2027.',
        'Fiji has not yet decided where the Kestrel batteries will be based. Neither government would say which radars Fiji will buy for the batteries.',
      ]],
      // A model designator, typed another way in the question.
      ['patrol-aircraft', 'Vietnam buys Japanese patrol aircraft', '2028-06-08', [
        'HANOI, June 8, 2028 — Vietnam signed a contract to buy three Kawasaki P-1 maritime patrol aircraft from Japan.',
        'Vietnam is also buying five coastal patrol boats from South Korea, and it is buying them sooner, officials said.',
      ]],
      // How often the checks come is given as a period, never as an "interval".
      ['kestrel-checks', 'Japan sets on-site checks for the Kestrel batteries', '2027-09-14', [
        'TOKYO, September 14, 2027 — Japanese officials will inspect the Kestrel batteries in Fiji on site at least once every two years, the defence ministry said.',
      ]],
      // A place whose letters the tagger breaks the word at ("Vy|š|kov").
      ['rescue-vehicle-site', 'Czech army names its rescue vehicle site', '2035-09-20', [
        'PRAGUE, September 20, 2035 — The army training centre in Vyškov will take the vehicles.',
      ]],
      ['rescue-vehicle-dates', 'Czech rescue vehicles are due later', '2036-02-13', [
        'PRAGUE, February 13, 2036 — The first armoured rescue vehicle is now due by September 30, 2037.',
      ]],
      // A newer article gives the place the first left open.
      ['kestrel-base', 'Fiji picks a base for its Kestrel batteries', '2027-06-01', [
        'NADI, June 1, 2027 — Fiji said its Kestrel batteries will be based at Nausori, near the capital, from 2029.',
      ]],
      // "Round" (of talks) is what GloVe puts nearest to "cup", a word no article uses.
      ['talks-round', 'Japan and Vietnam to hold a second round of arms talks', '2025-11-02', [
        'HANOI, November 2, 2025 — Japan and Vietnam agreed to hold the next round of talks on defence equipment in Tokyo in January 2026, and to invite observers to the final round.',
      ]],
      // A design whose radar no sentence names.
      ['frigate-design', 'Kure shipyard offers Malaysia a frigate', '2027-07-22', [
        'KURE, July 22, 2027 — Hayashima is offering Malaysia a 4,500-tonne frigate design called the HS-45.',
        'The HS-45 frigates would be 128 metres long and carry a crew of 95.',
      ]],
      // A later paragraph leaves the subject to the lead.
      ['coastal-watch', 'Japanese sensors picked for a coastal watch', '2028-09-21', [
        'BANGKOK, September 21, 2028 — The Royal Thai Navy has chosen eight Japanese coastal sensors.',
        'The sensors will stand on steel towers about 30 metres tall. Each tower will hold one sensor and a camera. The towers will be built by a local firm. The cameras will come from a European maker.',
        'The first tower will go up next year. Officials said the network would be used against smuggling and illegal fishing.',
      ]],
      // "Weather" and "range" only qualify other nouns in the lead; the range itself is given later.
      ['sonar-maker', 'Hamamatsu sonar maker wins a Thai navy order', '2027-05-04', [
        'HAMAMATSU, May 4, 2027 — Enshu Radio, which makes weather balloons for airports and medium-range sonars, will supply the Thai navy.',
        'The sonars will be fitted to patrol boats, the company said; each has a range of 90 kilometres.',
      ]],
      // The maker is named only in the second chunk; the last chunk gives the new date without it.
      ['glider-order', 'Peru enlarges its order for Japanese survey gliders', '2030-03-10', [
        'LIMA, March 10, 2030 — Peru has enlarged its order for Japanese underwater survey gliders to nine from six, its navy said.',
        'The gliders are made by Okitsu Robotics of Shimizu. The extra gliders will be built by Okitsu Robotics at its Shimizu plant. Shares of Okitsu Robotics rose 3 percent in Tokyo.',
        'The Peruvian navy will use the gliders to map the seabed off Callao. Each glider can stay at sea for up to 60 days. The navy said the gliders would also record water temperatures.',
        'Deliveries have slipped. The first glider is now due by May 4, 2031, instead of November 2, 2030. The gliders will be shipped to Paita instead of Callao.',
      ]],
      // A model named by its designator only in the first paragraphs, not in the last one's passage.
      ['samoa-buoys', 'Samoa orders Japanese wave buoys', '2031-02-03', [
        'APIA, February 3, 2031 — Samoa has ordered four wave buoys from Japan, its fisheries office said.',
        'Each lagoon will get one KR-9 buoy on a chain mooring. The KR-9 is made by Suruga Sensing in Shizuoka. Suruga Sensing has sold the KR-9 to fishing agencies.',
        'Forecasters will train in Shizuoka. The moorings will be laid by a local firm. A local quarry will supply the anchors. The buoys will log wave heights.',
        'The first buoy is now due by July 9, 2032, instead of March 1, 2032.',
      ]],
      // An event, then what explains it, in a sentence of its own with no connective.
      ['depot-site', 'Thai navy moves a spare-parts depot', '2028-10-02', [
        'BANGKOK, October 2, 2028 — The spare-parts depot for the patrol boats will no longer be built in Nakhon Si Thammarat.',
        'Engineers found that the ground there floods every rainy season. The depot will instead go to Songkhla.',
        'The navy will hire 40 civilian storekeepers because its own sailors are needed at sea.',
      ]],
      // A sentence the next one continues ("Previously, ..."), and one the next does not.
      ['boat-rule', 'Shipyards may export whole patrol boats', '2028-11-05', [
        'TOKYO, November 5, 2028 — Japanese shipyards may now export complete patrol boats, the transport ministry said.',
        'Previously, only hull sections could be sold abroad.',
        'The change was approved by the cabinet on Tuesday. Officials expect the first sale next year.',
      ]],
      // Uses "size" and "split", so that the articles know the words a question names its detail by.
      ['harbour-cranes', 'Two firms share a harbour crane order', '2028-04-12', [
        'YOKOHAMA, April 12, 2028 — Two Yokohama firms will split an order for dock cranes, whose size doubled after a review.',
      ]],
      // An update that revises a share in its own words.
      ['hull-order', 'Izu yard wins a hull order', '2029-06-01', [
        'ITO, June 1, 2029 — Izu Shipbuilding will carry out 60 percent of the work on the survey hulls, the navy said.',
      ]],
      ['hull-order-revised', 'Izu yard cedes welding to a partner', '2029-09-01', [
        'ITO, September 1, 2029 — The welding moves to a partner yard. Izu Shipbuilding will now do 45 percent of the work on the survey hulls, down from 60 percent.',
      ]],
      // One article prints the council's initials, another spells them out.
      ['council-meeting', 'Security council meets on frigates', '2029-03-02', [
        'TOKYO, March 2, 2029 — The NSC met on Monday to discuss the frigate sale.',
      ]],
      ['buoy-export', 'Japan clears a buoy export', '2029-04-02', [
        'TOKYO, April 2, 2029 — The National Security Council approved the buoy export on Tuesday, March 31.',
      ]],
      // A sentence whose next one takes up its noun ("The venture ...").
      ['engine-venture', 'Engine makers join forces', '2028-06-03', [
        'NAGOYA, June 3, 2028 — Two Japanese engine makers will set up a joint venture to build marine diesel engines for patrol boats.',
        'The venture will be 60 percent owned by Chubu Diesel.',
      ]],
      // A deed stated only as a condition.
      ['tug-treaty', 'Palau weighs a tugboat treaty with Japan', '2028-02-14', [
        'KOROR, February 14, 2028 — If ratified, the treaty would let Japanese tugboats refuel in Palau, officials said.',
      ]],
      // Two deals with a value each, to compare.
      ['sonar-contract', 'Thai navy signs for Japanese sonars', '2028-11-01', [
        'BANGKOK, November 1, 2028 — The Thai navy signed a contract worth 4.2 billion yen for twelve Enshu Radio sonars.',
      ]],
      ['tug-purchase', 'Palau buys Japanese tugboats', '2028-12-01', [
        'KOROR, December 1, 2028 — Palau agreed to buy two Japanese tugboats for 1.8 billion yen, officials said.',
      ]],
      // A "why" answered by the sentence that states a cause, not by others about the same act.
      ['gyro-withdrawal', 'Gyro maker quits a patrol boat order', '2029-03-03', [
        'OSAKA, March 3, 2029 — Officials declined to say how much Naniwa Gyro had been paid before it pulled out of the patrol boat order.',
        'Kobe Marine Electronics will now supply the navigation units for the patrol boats.',
        'Naniwa Gyro withdrew in February, citing a shortage of engineers.',
      ]],
      // A quote whose speaker the sentence before names.
      ['shipyard-quote', 'Kure lawmaker backs the shipyard', '2028-07-07', [
        'KURE, July 7, 2028 — Kenta Mizuno, a lawmaker from Kure, defended the shipyard export plan on Monday.',
        '"Exports keep the dry docks open and the welders employed," he said.',
      ]],
      // An update whose changes lie in several paragraphs.
      ['dredger-update', 'Fiji signs its dredger deal with changes', '2029-05-02', [
        'SUVA, May 2, 2029 — Fiji and Japan signed the dredger deal on Monday, a month later than they had planned.',
        'Crews from the Fiji ports authority will train on the dredgers in Suva.',
        'The first dredger will no longer be built in Kure. Delivery of the dredgers is now expected in 2031.',
      ]],
      // A delivery date an earlier article gives, which a later one revises in other words.
      ['albatross-choice', "Tonga picks Japan's Albatross hovercraft", '2026-10-01', [
        "NUKU'ALOFA, October 1, 2026 — Tonga has chosen three Albatross hovercraft from Japan, officials said on Thursday.",
        'Under the timetable, the first hovercraft would be delivered in 2028 and the last in 2029.',
      ]],
      ['albatross-contract', 'Tonga signs for Albatross hovercraft as delivery slips', '2027-02-11', [
        "NUKU'ALOFA, February 11, 2027 — Tonga signed a contract on Thursday for three Albatross hovercraft from Japan.",
        'The first Albatross hovercraft is now expected to arrive in 2029, a year later than planned, and the last in 2030.',
      ]],
      // A figure, and another article that says "how many" without one.
      ['kite-order', 'Nauru orders Japanese kite drones', '2029-03-01', [
        'CHIBA, March 1, 2029 — Kanto Kite Works will supply 24 kite drones to the police of Nauru, officials said.',
      ]],
      ['kite-interest', 'Tuvalu asks about Japanese kite drones', '2029-04-01', [
        'FUNAFUTI, April 1, 2029 — Tuvalu has asked about the kite drones, officials said, but they did not say how many it might want or how much it would pay.',
      ]],
      // A plan, and the order that changed it, told in two sentences of one article.
      ['radome-plan', 'Palau plans to buy Japanese radomes', '2028-01-10', [
        'KOROR, January 10, 2028 — Palau plans to buy two Japanese radomes for its airport.',
      ]],
      ['radome-order', 'Palau orders Japanese radomes', '2028-06-10', [
        'KOROR, June 10, 2028 — Palau will buy three Japanese radomes for its airport, one more than it had planned. It will buy the three Japanese radomes for its airport with a grant.',
      ]],
      // An amount for another company's office, and a fee not given.
      ['cable-layer', 'Thai navy hires a cable layer for its sonar network', '2029-01-15', [
        'BANGKOK, January 15, 2029 — Chaophraya Subsea will lay and maintain the undersea cable for the navy sonar network.',
        'The navy did not say how much Chaophraya Subsea would be paid for the cable.',
      ]],
      // A storage named as a thing paid for, and the storing place withheld.
      ['mortar-rounds', 'Vanuatu buys Japanese mortar rounds', '2029-05-20', [
        'PORT VILA, May 20, 2029 — Vanuatu will buy 5,000 Japanese mortar rounds, a price that also covers transport to Luganville and storage.',
        'The rounds will be made in Osaka and shipped in 2030.',
        'Officials did not say where the rounds would be stored.',
      ]],
      ['sonar-office', 'Enshu Radio opens a Bangkok office', '2029-02-01', [
        'BANGKOK, February 1, 2029 — Enshu Radio said its Bangkok maintenance office would open in 2029 with about 30 staff.',
      ]],
      // A project named in the article's second sentence, and called only "the project" later.
      ['buoy-project', 'Japan and Chile to develop tsunami buoys for navies', '2029-04-03', [
        'SANTIAGO, April 3, 2029 — Japan and Chile agreed on Tuesday to develop ocean sensor buoys for their navies.',
        'The project, named Condor, will cost 12 billion yen.',
        'Chile will pay a third of the cost. Japan will pay the rest. A Yokohama company will build the hulls. A Santiago company will write the software.',
        'Officials said other matters would be settled later. The first prototype of the project is due to be tested off Valparaiso in 2031.',
      ]],
      // A maker named in one article, and what it is like in another, beside another maker.
      ['minehunter-sonar', 'Japan picks a sonar for its new minehunter', '2029-08-01', [
        'TOKYO, August 1, 2029 — The sonar for the new minehunter will come from Kanto Acoustics, officials said.',
        'Tohoku Marine, which builds the minehunter hulls, employs about 300 people.',
      ]],
      ['kanto-profile', 'A sonar maker in Chiba', '2029-08-05', [
        'CHIBA, August 5, 2029 — Kanto Acoustics, founded in 1961, employs about 520 people.',
      ]],
      // An order changed by a later article.
      ['boat-choice', 'Thailand picks Japanese patrol boats', '2028-09-21', [
        'BANGKOK, September 21, 2028 — The Thai navy has chosen Japanese patrol boats and plans to buy eight of the boats.',
      ]],
      ['boat-contract', 'Thailand signs for Japanese patrol boats', '2029-03-22', [
        'BANGKOK, March 22, 2029 — The Thai navy signed a contract to buy ten Japanese patrol boats, two more than it had originally planned to buy.',
      ]],
      // "Laid", which WordNet reaches from "cup" through the verb ("to put into a cup").
      ['cable-laid', 'The last sonar cable is laid off Phuket', '2026-12-01', [
        "PHUKET, December 1, 2026 — The last cable of the world's longest naval sonar network was laid off Phuket in 2026.",
      ]],
      // A project named by an ordinary word, in a sentence of its own.
      ['reef-project', 'Japan and Fiji to develop sonar buoys', '2029-05-03', [
        'SUVA, May 3, 2029 — Japan and Fiji agreed on Monday to develop sonar buoys for their navies.',
        'The project, named Coral, will cost 9 billion yen. The first prototype of the project is due to be tested off Lautoka in 2031.',
      ]],
      // A company's sales, which answer a question about its revenue but not one about its profit.
      ['kiso-results', 'Kiso Marine reports its sales', '2031-05-10', [
        'NAGOYA, May 10, 2031 — Kiso Marine, which makes sonar domes, reported sales of 21 billion yen in the year to March 2031.',
      ]],
      // A count for one year, beside a value for the year before.
      ['kite-licences', 'Nauru reports its kite licences', '2030-06-12', [
        'YAREN, June 12, 2030 — Nauru issued 31 licences for kite drones in fiscal 2029, the report says. Their value was higher than in fiscal 2028.',
      ]],
      // A country named by the way, and the place where the thing will be.
      ['shell-storage', 'Latvia to store the shells near Liepaja', '2031-06-12', [
        'RIGA, June 12, 2031 — Britain had asked for consent before the shells arrived, so that Latvia could plan its training, an official said.',
        'Latvian officials said the shells would be stored at the Karosta depot near Liepaja.',
      ]],
      // A count withheld for one coast guard, given for another.
      ['skate-drones', 'Coast guards weigh orders for the Skate drone', '2030-03-02', [
        'VALPARAISO, March 2, 2030 — The Japan Coast Guard has still not said how many Skate drones it will order, officials said.',
        'A Chilean coast guard spokesman said three more drones could follow later.',
      ]],
      // What a sentence leaves unnamed, said by the sentence after it.
      ['marlin-lasers', 'Chile orders Marlin anti-drone lasers', '2031-09-18', [
        'SANTIAGO, September 18, 2031 — Chile has ordered six Marlin anti-drone lasers from Japan, officials said on Thursday.',
        'The Chilean Navy will use the lasers to protect naval ports and the island of Chiloe. It did not say which ports.',
      ]],
      // A price whose sentence leaves the system's name to its passage.
      ['sorabi-laser', 'Peru tests a Japanese anti-drone laser', '2031-10-02', [
        "LIMA, October 2, 2031 — Peru's army has begun testing a Japanese anti-drone laser, officials said on Thursday.",
        'The system, called Sorabi, uses a 20-kilowatt laser to burn through small drones at up to 2 kilometres. Each shot costs about 90 yen in electricity, the army said.',
      ]],
      // A place in a sentence that leaves the venture's name to its passage, after a lead that names a country.
      ['kite-venture', 'Japanese and Danish drone makers form a venture', '2031-03-12', [
        "Japanese drone maker Hayabusa Robotics and Denmark's Nordlys Aero will set up a joint venture, Hayabusa Nordlys, to build reconnaissance drones in Japan.",
        'The partners will build a factory in Kakamigahara, Gifu Prefecture, with production from 2033.',
      ]],
      // A sum in a lead that leaves the project's name, an English word, to the next sentence.
      ['heron-cost', 'Finland joins mine-clearing drone boat project as cost rises', '2030-05-14', [
        'HELSINKI, May 14, 2030 — Finland joined Japan and Norway in a project to develop an unmanned mine-clearing boat on Tuesday, as the three countries said the cost of the programme had risen to 38 billion yen.',
        'The project, known as Heron, began in 2028 with two partners.',
      ]],
      // A third partner named, and a fourth only foreseen.
      ['skua-partners', 'Norway joins the Skua drone-boat project', '2029-10-06', [
        'OSLO, October 6, 2029 — Norway joined Japan and Sweden in the Skua drone-boat project on Monday, becoming its third partner.',
        'Officials said a fourth country could join before 2031.',
      ]],
      // The last of a fleet, named by its number alone.
      ['skylark-launches', 'Fiji orders Skylark rescue launches', '2030-05-03', [
        'SUVA, May 3, 2030 — Fiji has ordered twelve Skylark rescue launches from a Nagasaki yard.',
        'The first launches arrive in 2031. The last of the 12 is expected by June 2033.',
      ]],
      // What a price leaves out, in an article whose lead says what the trucks carry.
      ['marlin-trucks', 'Chile to mount Marlin lasers on army trucks', '2031-09-20', [
        'SANTIAGO, September 20, 2031 — Chile will mount its six Marlin lasers on army trucks, officials said.',
        'The contract price does not include the trucks.',
      ]],
      // A share, which GloVe puts near a market ("market share").
      ['tosa-share', 'Tosa Marine Works takes a share of the patrol boat order', '2033-05-02', [
        'KOCHI, May 2, 2033 — Tosa Marine Works will hold a 40 per cent share of the patrol boat order, the company said.',
      ]],
      // One country's navy, which a question may ask about as another's.
      ['gull-boats', 'Finland orders Gull survey boats', '2033-02-07', [
        'HELSINKI, February 7, 2033 — Finland has ordered four Gull survey boats from a Kobe yard.',
        'The first Gull boat will go to the Finnish Navy in 2034.',
      ]],
      // Facts a claim joins, each in a sentence of its own; an old figure in a sentence of its own.
      ['hovercraft-rules', 'Japan adopts export rules for rescue hovercraft', '2032-04-08', [
        'TOKYO, April 8, 2032 — The Japanese cabinet adopted export rules for rescue hovercraft on Tuesday.',
        ...HOVERCRAFT_BACKGROUND.slice(0, 4),
        'The rules take effect on May 1.',
        ...HOVERCRAFT_BACKGROUND.slice(4, 8),
        'Sales worth 20 billion yen or more will need approval from five ministers.',
        ...HOVERCRAFT_BACKGROUND.slice(8),
        'A draft published in January had set that threshold at 40 billion yen.',
        ...HOVERCRAFT_BACKGROUND.slice(0, 4),
        'Exporters must now report a change of supplier within 30 days, down from the 60 days in the draft.',
      ]],
    ];
    for (const [id, title, published, paragraphs] of articles) await writeArticle(corpus, id, title, published, paragraphs);
    ({ service: own } = await testService({ CORPUS_DIR: corpus }));
  });

  it('takes a name typed in lower case ("heron") from the passage that writes it as one, even for a sum', async () => {
    await expectAnswered('how much does the heron mine clearing boat cost now', '38 billion yen');
  });

  it('answers a why with the sentence that states a cause, first', async () => {
    const answer = await own.ask({ question: 'why did naniwa gyro pull out' });
    expect(answer.refused).toBe(false);
    expect(answer.citations[0]?.quote).toBe('Naniwa Gyro withdrew in February, citing a shortage of engineers.');
  });

  it('reads a later paragraph with the subject its article\'s lead names', async () => {
    await expectAnswered('what will the thai navy use the sensor network against', 'smuggling');
  });

  it('answers "which <thing>" only with a sentence that names one', async () => {
    const radar = await own.ask({ question: 'what radar will the HS-45 frigates carry' });
    expect(radar.refused).toBe(true);
    // A sentence that names one still answers.
    const jets = await own.ask({ question: 'which jets will japan buy more of' });
    expect(jets.refused).toBe(false);
  });

  it('leaves what a relative clause says of a thing to the sentence\'s passage: the claim is about the thing', async () => {
    const verdict = await own.factcheck('The Marlin contract price includes the trucks the lasers are mounted on.');
    expect(verdict.verdict).toBe('refuted');
    expect(verdict.citations[0]?.quote).toBe('The contract price does not include the trucks.');
  });

  it('refuses a question about a sport the articles never mention, named by a gerund ("the *hurling* final")', async () => {
    const sport = await own.ask({ question: 'who won the all-japan hurling final last year' });
    expect(sport.refused).toBe(true);
    expect(sport.answer).toContain('hurling');
  });

  it('does not take a loose relative of a noun asked about for the noun ("share" for "market")', async () => {
    const market = await own.ask({ question: 'which market is tosa marine works in' });
    expect(market.refused).toBe(true);
    await expectAnswered('what share of the patrol boat order does tosa marine works hold', '40 per cent');
  });

  it('does not answer about one country\'s navy with what another country\'s navy gets', async () => {
    const other = await own.ask({ question: 'when will the japanese navy get its first gull boat' });
    expect(other.refused).toBe(true);
    await expectAnswered('when will the finnish navy get its first gull boat', '2034');
  });

  it('does not take a noun that qualifies another ("weather balloons") for the attribute asked about', async () => {
    const weather = await own.ask({ question: "what's the weather in hamamatsu today" });
    expect(weather.refused).toBe(true);
    expect(weather.answer).toContain('weather');
    // The lead's "medium-range" does not answer; the sentence that gives the range does.
    const range = await own.ask({ question: 'what is the range of the enshu radio sonars' });
    expect(range.citations.map((citation) => citation.quote)).toEqual([expect.stringContaining('range of 90 kilometres')]);
  });

  it('answers "where" with the place a sentence says something is at, before a country it names by the way', async () => {
    const answer = await own.ask({ question: 'where will latvia keep the shells' });
    expect(answer.answer).toMatch(/^Karosta/);
  });

  it('takes a currency asked for ("in pounds") as the form of the answer, not as a term the articles lack', async () => {
    const answer = await own.ask({ question: 'value of the thai sonar contract in pounds?' });
    expect(answer.refused).toBe(true);
    expect(answer.answer).toContain('do not give the amount of money');
    // Nor is the word for the sum a term they lack: the project articles never say "value".
    const value = await service.ask({ question: 'value of the patriot deal in pounds?' });
    expect(value.answer).toContain('do not give the amount of money');
  });

  it('says a detail was withheld when the sentence saying so ranks above another subject\'s detail', async () => {
    const answer = await own.ask({ question: 'how many skate drones is the japanese coast guard ordering' });
    expect(answer.refused).toBe(true);
    expect(answer.related?.[0]?.quote).toContain('has still not said how many');
  });

  it('says a detail was withheld when the sentence after the best account says so, though it repeats little of the question', async () => {
    const ports = await own.ask({ question: 'which chilean ports will the marlin lasers protect' });
    expect(ports.refused).toBe(true);
    expect(ports.related?.[0]?.quote).toBe('It did not say which ports.');
    // The best account still answers what it does say.
    await expectAnswered('which island will the marlin lasers protect', 'Chiloe');
  });

  it('takes a name typed in lower case for the name its passage gives, for a price as for anything else', async () => {
    await expectAnswered('how much does one shot of the sorabi cost', '90 yen');
  });

  it('answers "where" with the sentence that gives the place, its passage naming the venture, though the lead names a country', async () => {
    await expectAnswered('where is the hayabusa nordlys drone factory', 'Kakamigahara');
  });

  it('answers a question about revenue with sales, but not one about profit', async () => {
    await expectAnswered('kiso marine revenue last year?', '21 billion yen');
    expect((await own.ask({ question: 'kiso marine net profit last year?' })).refused).toBe(true);
    expect((await own.ask({ question: "what was kiso marine's profit in the year to march 2031" })).refused).toBe(true);
  });

  it('does not answer about one year with a sentence that gives another, whatever its passage says of the year asked', async () => {
    await expectAnswered('how many kite licences did nauru issue in fiscal 2029', '31 licences');
    const other = await own.ask({ question: 'how many kite licences did nauru issue in fiscal 2028' });
    expect(other.refused).toBe(true);
  });

  it('says which measure the articles do not give ("the speed")', async () => {
    const answer = await own.ask({ question: 'top speed of the hs-45 frigates?' });
    expect(answer.refused).toBe(true);
    expect(answer.answer).toContain('do not give the speed');
    const range = await own.ask({ question: 'what is the range of the hs-45 frigates' });
    expect(range.answer).toBe('The articles do not give the range asked for in "what is the range of the hs-45 frigates".');
  });

  it('reads a noun that names the kind of detail asked ("crew size", "venture split") as what the answer supplies, not a word it must repeat', async () => {
    await expectAnswered('HS-45 crew size?', 'crew of 95');
    await expectAnswered('diesel engine venture split?', '60 percent owned by Chubu Diesel');
    // A word for the kind of detail, or a measure, is no term the articles lack: they give the figure.
    await expectAnswered('hs-45 design name and tonnage', '4,500-tonne');
    await expectAnswered('kestrel systems timeline - first and last?', '2029');
    await expectAnswered('kestrel inspection interval?', 'every two years');
  });

  it('follows a conversation that named a place whose letters the tagger breaks the word at ("Vyškov")', async () => {
    const history = [
      { role: 'user' as const, content: 'where was the first czech rescue vehicle to be handed over?' },
      { role: 'assistant' as const, content: 'In Vyškov, by March 31, 2037.' },
    ];
    expect(grounding.questions.analyze('and whats the date now?', history).searchText).toContain('Vyškov');
    // Not refused for "Vy", a piece of the name that no article writes alone, when the one
    // passage searched for leaves the place out.
    const answer = await own.ask({ question: 'and when is the first armoured rescue vehicle now due?', history, k: 1 });
    expect(answer.refused).toBe(false);
    expect(answer.answer).toContain('September 30, 2037');
    // Nor is a question that names it, whose one passage leaves it out.
    const named = await own.ask({ question: 'when is the first armoured rescue vehicle for Vyškov now due?', k: 1 });
    expect(named.answer).not.toContain('do not mention');
    // A measure keeps its word: the articles give no speed, whatever else they give.
    expect((await own.ask({ question: 'HS-45 top speed?' })).refused).toBe(true);
  });

  /** The real retriever, recording the queries it is given and leaving out the passages of the article `hidden` names for them. */
  const hidingRetriever = (hidden: (texts: string[]) => string | undefined) => {
    const retriever = new HybridRetriever(own.index, offlineEmbedder().embeddings);
    const searchedFor: string[] = [];
    const hiding: Retriever = {
      async retrieve(queries, k) {
        const texts = typeof queries === 'string' ? [queries] : [...queries];
        searchedFor.push(...texts);
        const passages = await retriever.retrieve(queries, k);
        const article = hidden(texts);
        return article === undefined ? passages : passages.filter((passage) => passage.article.id !== article);
      },
    };
    return { retriever: hiding, searchedFor };
  };

  it('searches a question of several parts part by part too, each part keeping its best match', async () => {
    // The whole question's search does not reach the founding year: only the part's own search does.
    const { retriever: partsOnly, searchedFor } = hidingRetriever((texts) => (texts.includes('when was kanto acoustics founded') ? undefined : 'kanto-profile'));
    const service = new QaService({ index: own.index, retriever: partsOnly, answerer: new ExtractiveAnswerer({ grounding: own.grounding, embeddings: offlineEmbedder().embeddings }), factChecker: new ExtractiveFactChecker(partsOnly, own.grounding), grounding: own.grounding, defaultK: 6 });
    const answer = await service.ask({ question: 'when was kanto acoustics founded and what will it supply' });
    expect(searchedFor).toContain('when was kanto acoustics founded');
    expect(answer.answer).toContain('1961');
  });

  it('looks for a later article that revises what the supporting one states, with the supporting sentence\'s own words', async () => {
    // The claim's own search does not reach the update: only a search with the supporting sentence does.
    const { retriever: hidingTheUpdate, searchedFor } = hidingRetriever((texts) => (texts.some((text) => /^izu shipbuilding (does|did)/i.test(text)) ? 'hull-order-revised' : undefined));
    const checker = new ExtractiveFactChecker(hidingTheUpdate, own.grounding);
    const now = await checker.check('Izu Shipbuilding does 60 percent of the work on the survey hulls.');
    expect(now.verdict).toBe('refuted');
    expect(now.explanation).toContain('45 percent of the work on the survey hulls, down from 60 percent');
    expect(searchedFor).toContain('ITO, June 1, 2029 — Izu Shipbuilding will carry out 60 percent of the work on the survey hulls, the navy said.');
    // A claim told in the past is about then: the later change does not revise it.
    const then = await checker.check('Izu Shipbuilding did 60 percent of the work on the survey hulls at first.');
    expect(then.verdict).not.toBe('refuted');
  });

  it('decides a later part of a claim ("and they come into force ...") in the article that decided the first', async () => {
    // The later part's own search does not reach the article: only the whole claim's does.
    const part = 'they come into force on May 1';
    const { retriever: hidingFromThePart, searchedFor } = hidingRetriever((texts) => (texts.includes(part) ? 'hovercraft-rules' : undefined));
    const checker = new ExtractiveFactChecker(hidingFromThePart, own.grounding);
    const claim = 'The Japanese cabinet adopted export rules for rescue hovercraft on Tuesday, and they come into force on May 1.';
    const verdict = await checker.check(claim);
    expect(searchedFor).toContain(part);
    expect(verdict.verdict).toBe('supported');
    expect(verdict.citations.map((citation) => citation.quote)).toContain('The rules take effect on May 1.');
  });

  it('reads initials typed in lower case ("nsc") as the name they stand for, though an article prints them', async () => {
    await expectAnswered('when did the nsc approve the buoy export', 'March 31');
  });

  it('answers "which 4th country" only with a sentence that names the fourth, not the third', async () => {
    const fourth = await own.ask({ question: 'which 4th country will join the skua project' });
    expect(fourth.refused).toBe(true);
    const third = await own.ask({ question: 'which country joined the skua project' });
    expect(third.answer).toContain('Norway');
  });

  it('reads the noun after "how much is" as what the amount belongs to, which the answer must name', async () => {
    const fee = await own.ask({ question: 'how much is chaophraya getting for maintenance' });
    expect(fee.refused).toBe(true);
    expect(fee.related?.[0]?.quote).toContain('Chaophraya Subsea');
    // The noun of "how many" is still the kind counted, not a word the sentence must repeat.
    const staff = await own.ask({ question: 'how many staff will the enshu radio maintenance office in bangkok open with' });
    expect(staff.answer).toContain('about 30 staff');
  });

  it('says the articles withhold a detail when the sentence that says so is the best account, though it gives no detail itself', async () => {
    const fee = await own.ask({ question: 'how much will chaophraya subsea be paid for the cable' });
    expect(fee.refused).toBe(true);
    expect(fee.answer).toBe(WITHHELD);
    expect(fee.related?.[0]?.quote).toBe('The navy did not say how much Chaophraya Subsea would be paid for the cable.');
  });

  it('says the articles withhold where something is done when the place given belongs to no such act ("covers transport and storage")', async () => {
    const stored = await own.ask({ question: 'where will vanuatu store the mortar rounds' });
    expect(stored.refused).toBe(true);
    expect(stored.answer).toBe(WITHHELD);
    expect(stored.related?.[0]?.quote).toBe('Officials did not say where the rounds would be stored.');
  });

  it('reads a later paragraph with the name its article gave the project ("The project, named Condor, ...")', async () => {
    await expectAnswered('when will the condor prototype be tested', '2031');
  });

  it('reads a follow-up with what the answer before it named ("that company")', async () => {
    const history = [
      { role: 'user' as const, content: 'who makes the sonar for the new minehunter' },
      { role: 'assistant' as const, content: 'Kanto Acoustics will make the sonar for the new minehunter. [1]' },
    ];
    const answer = await own.ask({ question: 'how many people does that company employ', history });
    expect(answer.answer).toContain('about 520 people');
  });

  it('answers "why" with the sentence after an event when the event\'s own sentence gives no cause', async () => {
    const moved = await own.ask({ question: "why won't the depot be built in nakhon si thammarat" });
    expect(moved.citations.map((citation) => citation.quote)).toEqual([expect.stringContaining('no longer be built'), expect.stringContaining('floods every rainy season')]);
    // A sentence that gives its own cause is answer enough.
    const hired = await own.ask({ question: 'why will the navy hire civilian storekeepers' });
    expect(hired.citations.map((citation) => citation.quote)).toEqual([expect.stringContaining('because its own sailors are needed at sea')]);
  });

  it('quotes the next sentence with the answer when it continues it ("Previously, ...", "The venture ..."), not otherwise', async () => {
    const now = await own.ask({ question: 'can japanese shipyards export complete patrol boats now' });
    expect(now.citations.map((citation) => citation.quote)).toEqual([expect.stringContaining('complete patrol boats'), 'Previously, only hull sections could be sold abroad.']);
    const venture = await own.ask({ question: 'are japanese engine makers setting up a joint venture for marine diesel engines' });
    expect(venture.citations.map((citation) => citation.quote)).toEqual([expect.stringContaining('set up a joint venture'), 'The venture will be 60 percent owned by Chubu Diesel.']);
    const approved = await own.ask({ question: 'what day did the cabinet approve the change on patrol boats' });
    expect(approved.citations.map((citation) => citation.quote)).toEqual(['The change was approved by the cabinet on Tuesday.']);
  });

  it('quotes a speaker\'s words with the sentence naming the speaker, either way round', async () => {
    const who = await own.ask({ question: 'which lawmaker defended the shipyard export plan' });
    expect(who.citations.map((citation) => citation.quote)).toEqual([expect.stringContaining('Kenta Mizuno'), expect.stringContaining('dry docks')]);
    const what = await own.ask({ question: 'what did the kure lawmaker say about the dry docks and the welders' });
    expect(what.citations.map((citation) => citation.quote)).toEqual([expect.stringContaining('Kenta Mizuno'), expect.stringContaining('dry docks')]);
  });

  it('lists what an update changed, from every paragraph of its article', async () => {
    const answer = await own.ask({ question: 'what changed in the fiji dredger deal' });
    expect(answer.refused).toBe(false);
    const quotes = answer.citations.map((citation) => citation.quote);
    expect(quotes).toEqual(expect.arrayContaining([expect.stringContaining('no longer be built in Kure'), expect.stringContaining('now expected in 2031')]));
    expect(quotes.join(' ')).not.toContain('Crews from the Fiji ports authority');
    // "Why did ... change" asks for a reason, not the list.
    expect(grounding.questions.analyze('why did fiji change the dredger deal').parts[0]!.asksChange).toBeUndefined();
    expect(grounding.questions.analyze('how has the dredger deal changed').parts[0]!.asksChange).toBe(true);
  });

  it('labels the newer and the older account of one point once each', async () => {
    const answer = await own.ask({ question: 'how many japanese radomes will palau buy for its airport' });
    expect(answer.answer.match(/The more recent article \(2028-06-10\) says: /g)).toHaveLength(1);
    expect(answer.answer.match(/An earlier article \(2028-01-10\) says: /g)).toHaveLength(1);
    // The newer article's second sentence goes on under the label its first one opened.
    expect(answer.answer).toMatch(/\[1\] It will buy the three Japanese radomes/);
  });

  it('answers about the state before a change from the older article, and about the state now from the newer', async () => {
    const before = await own.ask({ question: 'how many patrol boats did the thai navy originally plan to buy' });
    expect(before.citations[0]!.quote).toContain('plans to buy eight');
    const now = await own.ask({ question: 'how many patrol boats is the thai navy buying now' });
    expect(now.citations[0]!.quote).toContain('ten Japanese patrol boats');
  });

  it('refuses an off-topic question whose noun the articles lack, though GloVe relates it loosely to one of theirs', async () => {
    const answer = await own.ask({ question: 'who won the 2026 world cup' });
    expect(answer.refused).toBe(true);
    expect(answer.answer).toContain('cup');
  });

  it('takes a common word for a person ("the kure guy") for whoever the articles name', async () => {
    await expectAnswered('which kure guy defended the shipyard export plan', 'Kenta Mizuno');
  });

  it('finds and matches a model designator however it is typed ("p1s" for "P-1")', async () => {
    const answer = await own.ask({ question: 'how many p1s is vietnam buying?' });
    expect(answer.refused).toBe(false);
    expect(answer.answer).toMatch(/^three/i);
    expect(answer.citations[0]!.quote).toContain('Kawasaki P-1');
  });

  it('refuses when the articles say the detail asked for was not given, unless a newer one gives it', async () => {
    const radars = await own.ask({ question: 'which radars will fiji buy?' });
    expect(radars.refused).toBe(true);
    expect(radars.answer).toContain('has not been disclosed or decided');
    expect(radars.related?.[0]?.quote).toContain('would say which radars');
    const base = await own.ask({ question: 'where will fiji base the kestrel batteries?' });
    expect(base.refused).toBe(false);
    expect(base.citations[0]!.quote).toContain('based at Nausori');
  });

  it('does not answer whether something was done from a sentence that says it is only planned', async () => {
    const done = await own.ask({ question: 'did fiji and japan sign the maintenance agreement for the kestrel batteries in june 2027?' });
    expect(done.refused).toBe(true);
    expect(done.answer).toContain('only that this was planned');
    expect(done.related?.[0]?.quote).toContain('aim to sign a maintenance agreement');
    const planned = await own.ask({ question: 'will fiji and japan sign a maintenance agreement for the kestrel batteries?' });
    expect(planned.refused).toBe(false);
    expect(planned.citations[0]!.quote).toContain('aim to sign a maintenance agreement');
  });

  it('does not answer whether something was done from a sentence that states it as a condition', async () => {
    const done = await own.ask({ question: 'did palau ratify the tugboat treaty with japan?' });
    expect(done.refused).toBe(true);
    expect(done.answer).toContain('only that this was planned');
    expect(done.related?.[0]?.quote).toContain('If ratified');
  });

  it('answers "which is the bigger deal, X or Y" with the value of each', async () => {
    const answer = await own.ask({ question: "which is the bigger deal, the thai sonar contract or palau's tugboat purchase?" });
    expect(answer.refused).toBe(false);
    expect(answer.citations.map((citation) => citation.articleId).sort()).toEqual(['sonar-contract', 'tug-purchase']);
    expect(answer.answer).toContain('4.2 billion yen');
    expect(answer.answer).toContain('1.8 billion yen');
    const parts = (question: string) => grounding.questions.analyze(question).parts.map((part) => `${part.type}: ${part.text}`);
    expect(parts("is the thai sonar contract bigger than palau's tugboat purchase?")).toEqual(['money: how much is the thai sonar contract worth', "money: how much is palau's tugboat purchase worth"]);
    // The noun compared may come before the comparative; an option that names no deal takes it.
    expect(parts("which deal is bigger: the thai sonar contract or palau's tugboats?")).toEqual(['money: how much is the thai sonar contract worth', "money: how much is palau's tugboats deal worth"]);
    // A side the articles give no value for is named as the reader named it.
    const unpriced = await own.ask({ question: "which is the bigger deal, the thai sonar contract or palau's ferry fleet?" });
    expect(unpriced.notice ?? unpriced.answer).toContain("The articles do not give the value of palau's ferry fleet.");
    // Things without a value in money are not compared by one.
    expect(parts('which is bigger, the sonar or the tugboat')).toHaveLength(1);
  });

  it('answers with a sentence that says three words of the question as they are, its passage naming the rest', async () => {
    await expectAnswered('when is the last fiji kestrel system due?', 'and the last in 2031');
  });

  it('answers with a sentence that names two things asked about, its passage naming the rest', async () => {
    await expectAnswered('when will fiji get its first kestrel missile system?', 'now due in 2029');
  });

  it('refutes a claim with the sentence stating the point, over one that matches it through its passage', async () => {
    const verdict = await own.factcheck('The Japanese-Italian drone factory will be built in Sagamihara.');
    expect(verdict.verdict).toBe('refuted');
    expect(verdict.citations[0]!.quote).toContain('Komaki');
  });

  it('searches for what a question asks about, not for the words that ask for a figure', async () => {
    // As keywords, "how many" finds the passage that says "did not say how many".
    const passages = await own.retrieve({ question: 'how many kite drones will nauru get' });
    expect(passages[0]!.article.id).toBe('kite-order');
    await expectAnswered('how many kite drones will nauru get', '24 kite drones');
    // A question of nothing else is searched as it is.
    expect(searchTerms('how many?')).toBe('how many?');
  });

  it('refutes a claim an earlier article states with a later one that gives another date for it in its own words', async () => {
    const verdict = await own.factcheck("Tonga's first Albatross hovercraft is due for delivery in 2028.");
    expect(verdict.verdict).toBe('refuted');
    expect(verdict.citations.map((citation) => citation.articleId)).toEqual(['albatross-contract', 'albatross-choice']);
    expect(verdict.explanation).toMatch(/the claim says 2028, the article says 2029/);
    // What the later article says, and what it leaves as it was, are supported.
    expect((await own.factcheck("Tonga's first Albatross hovercraft is expected to arrive in 2029.")).verdict).toBe('supported');
    expect((await own.factcheck('Tonga chose three Albatross hovercraft.')).verdict).toBe('supported');
  });

  it('checks a claim against a sentence with the names its article gives elsewhere', async () => {
    // "The first glider" of the last paragraph is Okitsu's, named two paragraphs before.
    const verdict = await own.factcheck('The first Okitsu glider is due by November 2, 2030.');
    expect(verdict.verdict).toBe('refuted');
    expect(verdict.citations[0]!.quote).toContain('May 4, 2031');
  });

  it('checks a claim against a sentence with the model its article names by a designator elsewhere', async () => {
    const verdict = await own.factcheck('The first KR-9 buoy is due by March 1, 2032.');
    expect(verdict.verdict).toBe('refuted');
    expect(verdict.citations[0]!.quote).toContain('July 9, 2032');
  });

  it('refutes a claim naming what the article gives as replaced, and says so', async () => {
    const verdict = await own.factcheck('The Peruvian gliders will be shipped to Callao.');
    expect(verdict.verdict).toBe('refuted');
    expect(verdict.explanation).toContain('the claim names Callao, the article gives it as replaced: "instead of Callao"');
  });

  it('judges a claim on a project named by an ordinary word with the sentence that gives the detail, its passage naming the project', async () => {
    const verdict = await own.factcheck('The Coral prototype remains scheduled for testing in 2033.');
    expect(verdict.verdict).toBe('refuted');
    expect(verdict.citations[0]!.quote).toContain('in 2031');
  });

  it('does not give a sum its sentence spends on something else than the thing asked about', async () => {
    const answer = await own.ask({ question: 'how much will the philippines pay for the radars' });
    expect(answer.refused).toBe(true);
    expect(answer.answer).toMatch(/do not give the amount of money/);
  });

  it('answers "which <role>" with the sentence naming someone in that role, its passage giving the rest', async () => {
    await expectAnswered('which filipino senator complained about the refurbishment bill', 'Cecilia Baltazar');
  });

  it('checks a claim that joins facts stated in separate sentences part by part', async () => {
    const joined = await own.factcheck('The hovercraft export rules were adopted by the cabinet on Tuesday and take effect on May 1.');
    expect(joined.verdict).toBe('supported');
    expect(joined.citations.map((citation) => citation.quote)).toContainEqual(expect.stringContaining('May 1'));
    // A value the claim compares its own with is the draft's, which a sentence of its own gives.
    const compared = await own.factcheck('Hovercraft sales worth 20 billion yen or more need approval from five ministers, down from the 40 billion yen set in the January draft.');
    expect(compared.verdict).toBe('supported');
    // ... or the old value the sentence gives beside the new one: "down from the 60 days in the draft".
    expect((await own.factcheck('Hovercraft exporters must report a change of supplier within 30 days, half the 60 days the draft allowed.')).verdict).toBe('supported');
    // One part said otherwise makes the whole claim false.
    const wrongPart = await own.factcheck('Hovercraft exporters must report a change of supplier within 30 days, and the hovercraft export rules take effect on June 1.');
    expect(wrongPart.verdict).toBe('refuted');
    expect(wrongPart.explanation).toMatch(/^Refuted on "the hovercraft export rules take effect on June 1": the claim says June 1, the article says May 1/);
    // Parts that only sentences of different articles decide are not one claim the articles make.
    expect((await own.factcheck('The hovercraft export rules take effect on May 1, but Tonga chose three Albatross hovercraft.')).verdict).toBe('not_enough_info');
    expect((await own.factcheck('The hovercraft export rules take effect on May 1, but Tonga chose five Albatross hovercraft.')).verdict).toBe('not_enough_info');
  });

  it('answers with a sentence that gives the detail asked beside two words of the question, one of them informative', async () => {
    await expectAnswered("when's the last of the fiji skylark launches now expected", 'June 2033');
  });
});
