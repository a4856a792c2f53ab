/**
 * A long, deterministic news article for the editor benchmarks: paragraphs of reporting built
 * from sentence templates over a small vocabulary, with the quotes, named sources, anonymous
 * attributions and figures that people tag in Byline. Paragraphs are separated by "\n\n".
 */
import { createRandom, type Random } from './random.ts';

const FIRST_NAMES = [
  'Maria', 'James', 'Aisha', 'Tomasz', 'Elena', 'David', 'Priya', 'Kwame', 'Sofia', 'Hiroshi',
  'Laura', 'Ahmed', 'Grace', 'Mateo', 'Ingrid', 'Samuel', 'Fatima', 'Oliver', 'Nadia', 'Liam',
];
const LAST_NAMES = [
  'Alvarez', 'Okafor', 'Lindqvist', 'Kowalski', 'Brennan', 'Nakamura', 'Haddad', 'Fischer',
  'Mensah', 'Rossi', 'Patel', 'Dubois', 'Henderson', 'Novak', 'Sato', 'Murphy', 'Costa', 'Weber',
];
const ROLES = [
  'a spokesperson for', 'the chief executive of', 'a senior analyst at', 'the finance director of',
  'a former adviser to', 'the deputy minister at', 'a lawyer representing', 'a board member of',
];
const ORGANIZATIONS = [
  'the Ministry of Transport', 'the harbor authority', 'Northline Ferries', 'the city council',
  'the European Commission', 'the port workers’ union', 'Baltic Shipping Group', 'the central bank',
  'the regional government', 'the competition regulator', 'Meridian Capital', 'the coast guard',
  'the state auditor', 'the national rail operator', 'the health ministry', 'Harbor Energy',
];
const PLACES = [
  'Gdansk', 'Rotterdam', 'the capital', 'the northern district', 'Brussels', 'the harbor front',
  'Hamburg', 'the coastal towns', 'Lisbon', 'the industrial zone', 'Tallinn', 'the old port',
];
const TOPICS = [
  'the ferry contract', 'the budget shortfall', 'the merger', 'the safety review',
  'the subsidy program', 'the tender', 'the pension reform', 'the emissions target',
  'the expansion plan', 'the audit', 'the fare increase', 'the investigation',
];
const ANONYMOUS = [
  'according to people familiar with the matter',
  'according to two people briefed on the discussions',
  'according to a person with knowledge of the negotiations',
  'according to documents reviewed by reporters',
  'according to an internal memo seen by this newspaper',
];
const ANONYMOUS_SAID = [
  'officials said',
  'people familiar with the matter said',
  'a senior official said',
  'two people involved in the talks said',
  'a government source said',
  'industry executives said',
];
const WHO_SPOKE = [
  'who spoke on condition of anonymity because they were not authorized to discuss the talks',
  'who asked not to be named because the deliberations are private',
  'who requested anonymity to describe internal discussions',
  'who was not authorized to speak publicly',
];
const VERBS_PAST = [
  'approved', 'delayed', 'rejected', 'questioned', 'announced', 'postponed', 'defended',
  'criticized', 'suspended', 'reviewed', 'expanded', 'cut',
];
const VERBS = [
  'approve', 'delay', 'reject', 'review', 'expand', 'cut', 'suspend', 'renegotiate', 'fund', 'scrap',
];
const UNITS = ['million euros', 'billion dollars', 'jobs', 'passengers a day', 'vessels', 'contracts'];
const PERIODS = [
  'the first quarter', 'last year', 'the past six months', 'the third quarter', 'the previous decade',
];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['January', 'March', 'April', 'June', 'September', 'October', 'November', 'December'];
const QUOTES = [
  'We will not accept a deal that puts passengers at risk',
  'The numbers simply do not add up',
  'This was always going to be a difficult year for the company',
  'Nobody told us the timetable had changed',
  'We have done everything the law requires of us',
  'It is too early to say what the final cost will be',
  'The decision was made without consulting the people who do the work',
  'We expect the review to be finished before the end of the year',
  'There is no evidence that any rules were broken',
  'Families in this town deserve a straight answer',
];
const CLAUSES: readonly ((r: Random) => string)[] = [
  (r) => `${r.pick(ORGANIZATIONS)} ${r.pick(VERBS_PAST)} ${r.pick(TOPICS)}`,
  (r) => `${r.pick(ORGANIZATIONS)} was preparing to ${r.pick(VERBS)} ${r.pick(TOPICS)}`,
  (r) => `the cost of ${r.pick(TOPICS)} had risen to ${amount(r)} ${r.pick(UNITS)}`,
  (r) => `${r.pick(TOPICS)} would be decided in ${r.pick(MONTHS)}`,
  (r) => `${r.pick(ORGANIZATIONS)} had been warned about ${r.pick(TOPICS)} as early as ${r.pick(MONTHS)}`,
];

const SENTENCES: readonly ((r: Random) => string)[] = [
  (r) => `“${r.pick(QUOTES)},” ${name(r)} said.`,
  (r) => `“${r.pick(QUOTES)},” said ${name(r)}, ${r.pick(ROLES)} ${r.pick(ORGANIZATIONS)}.`,
  (r) => `${cap(r.pick(ANONYMOUS))}, ${clause(r)}.`,
  (r) => `${cap(clause(r))}, ${r.pick(ANONYMOUS_SAID)}.`,
  (r) => `${cap(clause(r))}, ${r.pick(ANONYMOUS)}.`,
  (r) =>
    `One official, ${r.pick(WHO_SPOKE)}, said ${clause(r)}.`,
  (r) => `${name(r)}, ${r.pick(ROLES)} ${r.pick(ORGANIZATIONS)}, declined to comment.`,
  (r) => `${name(r)} told reporters in ${r.pick(PLACES)} on ${r.pick(WEEKDAYS)} that ${clause(r)}.`,
  (r) =>
    `${cap(r.pick(ORGANIZATIONS))} reported ${amount(r)} ${r.pick(UNITS)} in ${r.pick(PERIODS)}, ` +
    `${r.pick(['up', 'down'])} ${r.int(2, 48)} percent from a year earlier.`,
  (r) => `In a statement, ${r.pick(ORGANIZATIONS)} said it “${r.pick(QUOTES).toLowerCase()}.”`,
  (r) =>
    `The dispute over ${r.pick(TOPICS)} has dragged on since ${r.pick(MONTHS)} ${r.int(2015, 2024)}, ` +
    `when ${clause(r)}.`,
  (r) => `${cap(clause(r))} — a claim that ${name(r)} called “${r.pick(QUOTES).toLowerCase()}.”`,
  (r) =>
    `About ${r.int(12, 950)} residents of ${r.pick(PLACES)} attended the meeting, where ${clause(r)}.`,
];

const name = (r: Random) => `${r.pick(FIRST_NAMES)} ${r.pick(LAST_NAMES)}`;
const clause = (r: Random) => r.pick(CLAUSES)(r);
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const amount = (r: Random) => (r.chance(0.5) ? `${r.int(2, 999)}` : `${r.int(1, 99)}.${r.int(1, 9)}`);

/**
 * About `length` characters (it stops at the first paragraph end at or past it) in paragraphs of
 * 300-800 characters, so 600,000 characters make about 1,000 paragraphs. Only BMP characters:
 * code point offsets equal UTF-16 offsets.
 */
export function generateArticle(length: number, seed = 1): string {
  const random = createRandom(seed);
  const paragraphs = ['Ferry operator’s finances under scrutiny as officials weigh new contract'];
  let total = paragraphs[0]!.length;
  while (total < length) {
    const target = random.int(300, 800);
    let paragraph = '';
    while (paragraph.length < target) {
      paragraph += (paragraph ? ' ' : '') + random.pick(SENTENCES)(random);
    }
    paragraphs.push(paragraph);
    total += 2 + paragraph.length;
  }
  return paragraphs.join('\n\n');
}
