// Party politics (policy 10.3; Local Government Act 1986 s.2): parties, their leaders and prominent
// figures, slogans and colours (dated data, per nation), and the framing the Act names — "regard to
// content, style, timing and likely effect". A party or politician with a vote call, praise or attack,
// or a party slogan, is explicit support or attack: a hard block. A party named neutrally, or a
// government, administration or "the last lot" praised or attacked without a party, goes to review.
// Place, street, venue and surname readings ("Green Lane", "the Labour Club", "Cllr Sarah Green")
// protect a party word from being read as a party.
import { lemma } from "./lemma";
import { partyLabel, type CompiledLexicon, type Party } from "./lexicon";
import type { Token } from "./tokenize";
import { CLAUSES, type Finding, type Severity } from "./types";

const lemmaSet = (xs: Iterable<string>) => new Set([...xs].map(lemma));
const DETERMINERS = lemmaSet(["the", "a", "an", "our", "your", "their", "this", "these", "those", "my", "his", "her"]);
const WEAK_VOTE = lemmaSet(["support", "back", "choose", "join"]);
const STRONG_BEFORE = lemmaSet(["vote", "elect", "reelect", "back", "support", "join", "choose", "for"]);
const PARTY_AFTER = lemmaSet(
  "party group councillor candidate mp msp ms mla government administration leader manifesto campaign campaigner activist member voter supporter run led controlled majority win gain hold seat minister policy policies plan cut promise pledge".split(
    " ",
  ),
);
const TITLES = lemmaSet([
  "cllr",
  "councillor",
  "mr",
  "mrs",
  "ms",
  "miss",
  "dr",
  "sir",
  "dame",
  "prof",
  "professor",
  "rev",
  "lord",
  "lady",
  "mx",
]);
const NON_POLITICAL_VOTE_OBJECT = lemmaSet([
  "your",
  "the",
  "a",
  "an",
  "my",
  "their",
  "this",
  "these",
  "which",
  "what",
  "favourite",
  "best",
]);
const _POLITICAL_OBJECT = lemmaSet(["candidate", "councillor", "party", "mp", "change", "them", "us", "me"]);

const PARTY_COLOURS = new Set(["red", "blue", "green", "orange", "yellow", "purple", "turquoise"]);
/** Words that make a colour a campaign's ("the blue wave", "red rosettes", "orange army"). */
// (not "team": a council's "green team" is at the polling station too)
const COLOUR_CAMPAIGN = lemmaSet(["wave", "rosette", "rosettes", "army", "surge", "tide", "revolution"]);
/** Words before a colour that make it a side taken ("turning red", "vote blue", "true blue", "going orange"). */
const COLOUR_BEFORE = lemmaSet([
  "turn",
  "turning",
  "go",
  "going",
  "gone",
  "vote",
  "think",
  "true",
  "paint",
  "bleed",
  "stay",
  "staying",
]);
const ECO_BEFORE = lemmaSet(["go", "going", "gone", "think"]);
/** An election in the sentence. */
const ELECTION_CUES = lemmaSet([
  "vote",
  "votes",
  "voting",
  "poll",
  "polls",
  "polling",
  "election",
  "elections",
  "ballot",
  "booth",
  "count",
  "rosette",
  "rosettes",
  "hustings",
  "candidate",
  "candidates",
  "voter",
  "voters",
]);

// (the tokenizer spells out "they've", "they're")
const THEY = new Set(["they", "their", "them"]);

const LEET: Record<string, string> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s" };

interface Mention {
  from: number;
  to: number;
  party: Party | null;
  what: string;
}

/** Sentence openers before a party word: "Only Labour can…", "Just Reform…", "Even the Greens…". */
const OPENERS = new Set(
  [
    "only",
    "even",
    "so",
    "but",
    "and",
    "now",
    "why",
    "because",
    "vote",
    "support",
    "give",
    "back",
    "choose",
    "trust",
  ].map((w) => lemma(w)),
);
function partyReading(
  tokens: readonly Token[],
  i: number,
  lex: CompiledLexicon,
  judged: Set<number>,
  text: string,
): boolean {
  const t = tokens[i];
  const prev = tokens[i - 1]?.sentence === t.sentence ? tokens[i - 1] : undefined;
  const next = tokens[i + 1]?.sentence === t.sentence ? tokens[i + 1] : undefined;
  if (t.kind === "hashtag") return false; // handled as a whole tag
  if (
    next &&
    next.kind !== "emoji" &&
    next.lemma !== "s" &&
    lex.collocations.has(next.lemma) &&
    !PARTY_AFTER.has(next.lemma)
  )
    return false;
  if (prev && (prev.lemma === "vote" || prev.lemma === "elect" || prev.lemma === "reelect")) return true;
  if (prev && STRONG_BEFORE.has(prev.lemma) && t.capitalised) return true;
  if (prev && TITLES.has(prev.lemma)) return false;
  // "Conservative councillors" before the surname reading ("Sarah Green")
  if (next && PARTY_AFTER.has(next.lemma) && next.lemma !== "plan" && next.lemma !== "policy") return true;
  if (lex.ambiguousParty.get(t.lemma)?.ambiguousNeedsCue) return cueNear(tokens, i, lex);
  if (
    prev?.capitalised &&
    !prev.shouted &&
    prev.kind === "word" &&
    !lex.cues.has(prev.lemma) &&
    !DETERMINERS.has(prev.lemma) &&
    !(prev.sentenceStart && OPENERS.has(prev.lemma))
  )
    return false; // "Sarah Green", "Care Reform" (but not "Only Labour can…")
  // "the Labour and Co-operative Club": a capitalised name that ends in a venue word
  for (let k = i + 1; k < Math.min(tokens.length, i + 5) && tokens[k].sentence === t.sentence; k++) {
    const x = tokens[k];
    const hyphened = text.slice(tokens[k - 1].end, x.start) === "-";
    if (!(x.capitalised || hyphened || x.lemma === "and" || x.lemma === "of" || x.lemma === "the")) break;
    if (x.capitalised && lex.collocations.has(x.lemma) && !PARTY_AFTER.has(x.lemma)) return false;
  }
  if (next && PARTY_AFTER.has(next.lemma)) return true;
  if (next && next.norm === "s" && t.capitalised) return true; // "Labour's"
  if (!t.capitalised) return false;
  if (t.shouted || !t.sentenceStart) return true;
  if (judged.has(t.sentence)) return true;
  if (next?.lemma === "out") return true;
  return cueNear(tokens, i, lex);
}

/** A political word ("vote", "party", "councillors") within five words in the same sentence. */
function cueNear(tokens: readonly Token[], i: number, lex: CompiledLexicon): boolean {
  for (let k = Math.max(0, i - 5); k <= Math.min(tokens.length - 1, i + 5); k++)
    if (k !== i && tokens[k].sentence === tokens[i].sentence && lex.cues.has(tokens[k].lemma)) return true;
  return false;
}

function finding(
  text: string,
  severity: Severity,
  message: string,
  start: number,
  end: number,
  overridable: boolean,
): Finding {
  return {
    rule: "party_political",
    clause: CLAUSES.party_political,
    severity,
    message,
    excerpt: text.slice(start, end),
    start,
    end,
    overridable,
  };
}

export function politicsFindings(tokens: readonly Token[], text: string, lex: CompiledLexicon): Finding[] {
  const n = tokens.length;
  const out: Finding[] = [];
  if (n === 0) return out;
  const mentions: Mention[] = [];
  const voteAt: number[] = [];
  const voteFrom = new Map<number, number>();
  const praiseBySentence = new Map<number, string>();
  const attackBySentence = new Map<number, string>();
  const actors: { from: number; to: number }[] = [];
  const slogans: { from: number; to: number; party: Party | null }[] = [];
  const covered = new Uint8Array(n);
  const noCapitals = text === text.toLowerCase();
  let statutory = false;

  const judgedSentences = new Set<number>();
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    const a = lex.attack.at(tokens, i);
    const p = lex.praise.at(tokens, i);
    if (a || p) judgedSentences.add(t.sentence);
    if (a && !attackBySentence.has(t.sentence)) attackBySentence.set(t.sentence, a.value);
    if (p && !praiseBySentence.has(t.sentence)) praiseBySentence.set(t.sentence, p.value);
    // "X out", "let us down"
    if (t.lemma === "let")
      for (let k = i + 1; k <= i + 4 && k < n && tokens[k].sentence === t.sentence; k++)
        if (tokens[k].lemma === "down") {
          attackBySentence.set(t.sentence, "let down");
          judgedSentences.add(t.sentence);
        }
  }
  for (let i = 0; i < n; i++) {
    const t = tokens[i];
    if (lex.statutory.at(tokens, i)) statutory = true;
    const vote = lex.voteCalls.at(tokens, i);
    if (vote) {
      voteAt.push(vote.to); // measured from its last word: "put your cross next to | Labour"
      voteFrom.set(vote.to, i);
    }
    const actor = lex.politicalActors.at(tokens, i);
    if (actor && !actors.some((a) => a.to >= i)) actors.push({ from: i, to: actor.to });
    const slogan = lex.slogans.at(tokens, i);
    // "the Windrush generation helped rebuild Britain": history, not the slogan
    if (slogan && tokens[i - 1]?.lemma !== "help") slogans.push({ from: i, to: slogan.to, party: slogan.value });
    if (covered[i]) continue;
    const named = lex.partyNames.at(tokens, i);
    if (named && (named.from !== named.to || t.kind === "hashtag" || partyReadingUnambiguous(tokens, i, lex))) {
      mentions.push({ from: i, to: named.to, party: named.value, what: partyLabel(named.value) });
      for (let k = i; k <= named.to; k++) covered[k] = 1;
      continue;
    }
    // "Britain First", "Advance UK": ordinary words unless written as a name
    const cased = lex.partyNamesCapitalised.at(tokens, i);
    if (cased && (noCapitals || tokens.slice(i, cased.to + 1).every((x) => x.capitalised || x.shouted))) {
      mentions.push({ from: i, to: cased.to, party: cased.value, what: partyLabel(cased.value) });
      for (let k = i; k <= cased.to; k++) covered[k] = 1;
      continue;
    }
    const person = lex.people.at(tokens, i);
    if (person) {
      mentions.push({
        from: i,
        to: person.to,
        party: person.value,
        what: `${text.slice(t.start, tokens[person.to].end)} (${person.value.name})`,
      });
      for (let k = i; k <= person.to; k++) covered[k] = 1;
      continue;
    }
    const surname = t.capitalised ? lex.surnames.get(t.norm) : undefined;
    if (surname) {
      mentions.push({ from: i, to: i, party: surname, what: `${t.norm} (${surname.name})` });
      continue;
    }
    const amb = lex.ambiguousParty.get(t.lemma);
    if (amb && partyReading(tokens, i, lex, judgedSentences, text)) {
      mentions.push({ from: i, to: i, party: amb, what: partyLabel(amb) });
      continue;
    }
    if (t.kind === "mention" && lex.partyHandles.has(t.norm)) {
      const p = lex.partyHandles.get(t.norm)!;
      mentions.push({ from: i, to: i, party: p, what: `${partyLabel(p)}'s account` });
      continue;
    }
    if (t.kind === "emoji" && lex.colours.has(t.norm)) {
      const parties = lex.colours.get(t.norm)!;
      mentions.push({
        from: i,
        to: i,
        party: parties.length === 1 ? parties[0] : null,
        what: `party colours (${text.slice(t.start, t.end)})`,
      });
    }
  }
  // Hashtags as a whole: #VoteLabour, #ToriesOut, #LibDemFightback
  const seenTags = new Set<number>();
  for (const t of tokens) {
    if (!t.tag || seenTags.has(t.tag.start)) continue;
    seenTags.add(t.tag.start);
    const body = t.tag.body;
    // with digits for letters too ("#V0teT0ry"), when the hashtag as written is no party's
    const unleet = body.replace(/[01345]/g, (d) => LEET[d]);
    const party =
      lex.partyHashtags.get(body) ??
      campaignHashtag(body, lex) ??
      (unleet !== body ? (lex.partyHashtags.get(unleet) ?? campaignHashtag(unleet, lex)) : undefined);
    if (party)
      out.push(
        finding(
          text,
          "block",
          `Uses ${/^[AEIOU]/.test(party.name) ? "an" : "a"} ${party.name} campaign hashtag: a council account must not publish material that appears designed to affect support for a political party (10.3; LGA 1986 s.2).`,
          t.tag.start,
          t.tag.end,
          false,
        ),
      );
  }
  const tagSpans = out.map((f) => [f.start, f.end] as const);
  const tagCovered = (m: Mention) =>
    tagSpans.length > 0 && tagSpans.some(([a, b]) => a <= tokens[m.from].start && tokens[m.to].end <= b);

  for (const m of mentions) {
    if (tagCovered(m)) continue;
    const s = tokens[m.from].sentence;
    const isColour = tokens[m.from].kind === "emoji";
    const voteNear = voteAt.find((v) => {
      // a colour beside "support" or "back" is a ribbon or a charity's colour ("Drug and alcohol support 💙")
      if (isColour && WEAK_VOTE.has(tokens[v].lemma)) return false;
      if (Math.abs(v - m.from) > (isColour ? 3 : 4) || tokens[v].sentence !== s) return false;
      // "Labour, vote!", "give Labour your vote"
      if (v > m.from && !isColour)
        return (
          (tokens[v].lemma === "vote" || (tokens[v].lemma === "your" && tokens[v + 1]?.lemma === "vote")) &&
          v - m.to <= 2
        );
      if (isColour && tokens[v + 1]?.lemma === "for" && NON_POLITICAL_VOTE_OBJECT.has(tokens[v + 2]?.lemma ?? ""))
        return false;
      if (v < m.from && m.from <= v + 3) return true; // "vote Labour", "vote for the Lib Dems"
      return isColour || v > m.from;
    });
    // "… the Lib Dems say about potholes. They've broken every promise": the next sentence, when it opens
    // by referring back to them
    let k = m.to;
    while (k < n && tokens[k].sentence === s) k++;
    const nextOpens = tokens[k]?.sentence === s + 1 ? tokens[k] : undefined;
    const onward = !!nextOpens && THEY.has(nextOpens.norm);
    const praise = praiseBySentence.get(s) ?? (onward ? praiseBySentence.get(s + 1) : undefined);
    const attack = attackBySentence.get(s) ?? (onward ? attackBySentence.get(s + 1) : undefined);
    const slogan = slogans.find((x) => x.party === m.party && m.party);
    // where the vote call starts: "Put your cross next to | Labour" is measured from its last word
    const voteStart = voteNear === undefined ? undefined : (voteFrom.get(voteNear) ?? voteNear);
    let why = "";
    if (voteNear !== undefined && voteStart !== undefined)
      why = `with a call to vote ("${text.slice(tokens[voteStart].start, tokens[voteNear].end)}")`;
    else if (!isColour && tokens[m.to + 1]?.lemma === "out" && tokens[m.to + 1].sentence === s)
      why = `with a call to throw it out ("out")`;
    else if (!isColour && !statutory && (praise || attack))
      why = praise ? `with praise ("${praise}")` : `with an attack ("${attack}")`;
    else if (slogan) why = `with its slogan ("${text.slice(tokens[slogan.from].start, tokens[slogan.to].end)}")`;
    const start = tokens[Math.min(m.from, voteStart ?? m.from)].start;
    const end = tokens[Math.max(m.to, voteNear ?? m.to)].end;
    if (why) {
      out.push(
        finding(
          text,
          "block",
          `Names ${m.what} ${why}: a council account must not publish material that appears designed to affect support for a political party (10.3; LGA 1986 s.2).`,
          start,
          end,
          false,
        ),
      );
    } else if (isColour) {
      // a heart on its own is not politics
    } else if (statutory) {
      out.push(
        finding(
          text,
          "info",
          `Names ${m.what} in what reads as a statutory election notice or result, which the council publishes.`,
          start,
          end,
          true,
        ),
      );
    } else {
      out.push(
        finding(
          text,
          "review",
          `Names ${m.what}: a person checks that the post is factual and even-handed, since a council account must not appear to affect support for a party (10.3; LGA 1986 s.2).`,
          start,
          end,
          true,
        ),
      );
    }
  }
  // Slogans without a party named
  for (const sl of slogans) {
    if (out.some((f) => f.start <= tokens[sl.from].start && tokens[sl.to].end <= f.end)) continue;
    const words = text.slice(tokens[sl.from].start, tokens[sl.to].end);
    if (sl.party && !statutory)
      out.push(
        finding(
          text,
          "block",
          `Echoes ${partyLabel(sl.party)}'s slogan ("${words}"): a council account must not publish material that appears designed to affect support for a political party (10.3; LGA 1986 s.2).`,
          tokens[sl.from].start,
          tokens[sl.to].end,
          false,
        ),
      );
    else if (!sl.party)
      out.push(
        finding(
          text,
          "review",
          `Echoes a political slogan ("${words}"): a person checks the post's content, style and likely effect (10.3; LGA 1986 s.2).`,
          tokens[sl.from].start,
          tokens[sl.to].end,
          true,
        ),
      );
  }
  // Government, administration, "the last lot" praised or attacked without a party
  for (const a of actors) {
    const s = tokens[a.from].sentence;
    if (
      out.some(
        (f) => f.severity === "block" && tokens[a.from].start >= f.start - 200 && tokens[a.from].start <= f.end + 200,
      )
    )
      continue;
    const words = text.slice(tokens[a.from].start, tokens[a.to].end);
    const lastLot = /last lot|previous|last government/i.test(words);
    const judged =
      attackBySentence.get(s) ?? (praiseBySentence.get(s) && !statutory ? praiseBySentence.get(s) : undefined);
    if (!judged && !lastLot) continue;
    out.push(
      finding(
        text,
        "review",
        `Praises or attacks ${words}${judged ? ` ("${judged}")` : ""}: political framing without a party named; a person checks its content, style, timing and likely effect (10.3; LGA 1986 s.2).`,
        tokens[a.from].start,
        tokens[a.to].end,
        true,
      ),
    );
  }
  // The editable list of campaign phrases ("vote for us", "our manifesto")
  for (let i = 0; i < n; i++) {
    const m = lex.politicalPhrases.at(tokens, i);
    if (!m) continue;
    out.push(
      finding(
        text,
        "block",
        `Campaign language ("${text.slice(tokens[i].start, tokens[m.to].end)}"): a council account must not be used for party political or campaigning purposes (10.3; LGA 1986 s.2).`,
        tokens[i].start,
        tokens[m.to].end,
        false,
      ),
    );
    i = m.to;
  }
  // A party's colour as a word, at election time: "Oakfield is turning red on polling day", "Blue all
  // the way 💙", "a sea of blue rosettes at the count": a colour taken as a side (turning, going, voting,
  // true blue) or campaigned under (a wave, rosettes), not one describing a thing ("green waste", "in green").
  if (!statutory && !out.some((f) => f.severity === "block")) {
    const electionIn = new Set<number>();
    const heartsIn = new Map<number, Set<string>>();
    for (const t of tokens) {
      if (ELECTION_CUES.has(t.lemma)) electionIn.add(t.sentence);
      if (t.kind === "emoji" && t.norm.startsWith("heart_"))
        heartsIn.set(t.sentence, (heartsIn.get(t.sentence) ?? new Set()).add(t.norm.slice(6)));
    }
    for (let i = 0; i < n; i++) {
      const t = tokens[i];
      if (t.kind !== "word" || !PARTY_COLOURS.has(t.norm)) continue;
      const next = tokens[i + 1];
      const prev = tokens[i - 1]?.sentence === t.sentence ? tokens[i - 1] : undefined;
      const campaignWord = !!next && next.sentence === t.sentence && COLOUR_CAMPAIGN.has(next.lemma);
      const allTheWay = next?.lemma === "all" && tokens[i + 2]?.lemma === "the" && tokens[i + 3]?.lemma === "way";
      const becoming = !!prev && COLOUR_BEFORE.has(prev.lemma);
      if (!campaignWord && !allTheWay && !becoming) continue;
      const heart = heartsIn.get(t.sentence);
      if (!electionIn.has(t.sentence) && !heart?.has(t.norm === "turquoise" ? "lightblue" : t.norm)) continue;
      // "going green", "think green" are also said of recycling: a person decides
      const eco = t.norm === "green" && becoming && !campaignWord && !allTheWay && ECO_BEFORE.has(prev!.lemma);
      out.push(
        finding(
          text,
          eco ? "review" : "block",
          `Uses a party's colour ("${t.norm}") as support at election time: a council account must not publish material that appears designed to affect support for a political party (10.3; LGA 1986 s.2).`,
          t.start,
          (campaignWord ? next : t).end,
          eco,
        ),
      );
      break;
    }
  }
  return out;
}

// Short names used only in campaign hashtags after "vote" ("#VoteLab", "#VoteCon")
const VOTE_SHORT: Record<string, string> = {
  lab: "labour",
  con: "conservatives",
  tory: "conservatives",
  ld: "libdems",
};
// What a campaign hashtag adds to a party's name ("#SNPout", "#LabourDelivers", "#GreensWin", "#ReformUK2027",
// "#ConservativeCouncils")
const TAG_SUFFIX =
  /^(?:out|in|win|wins|winning|delivers|delivering|gain|gains|hold|holds|fightback|forchange|victory|councils?|councillors|team|\d{2,4})$/;
const partyWord = (w: string, lex: CompiledLexicon) =>
  lex.partyWords.get(w) ?? lex.ambiguousParty.get(w) ?? lex.ambiguousParty.get(lemma(w));
/** A party campaign hashtag not listed as such: "vote" and a party, or a party and a campaign word. */
function campaignHashtag(body: string, lex: CompiledLexicon): Party | undefined {
  if (body.startsWith("vote") && body.length > 6) {
    const rest = body.slice(4);
    const party = partyWord(rest, lex);
    if (party) return party;
    const short = VOTE_SHORT[rest];
    if (short) return partyWord(short, lex);
  }
  for (let k = 3; k < body.length; k++) {
    const party = partyWord(body.slice(0, k), lex);
    if (!party || !TAG_SUFFIX.test(body.slice(k))) continue;
    // an ordinary word as a party ("green", "reform") only with a campaign word, not a year or a team
    // ("#Green2027", "#GreenTeam", "#GreenCouncils" may be the environment)
    if (lex.ambiguousParty.has(lemma(body.slice(0, k))) && /^(?:\d|team$|councils?$)/.test(body.slice(k))) continue;
    return party;
  }
  return undefined;
}

/** A party alias that is one ordinary-looking word ("Conservatives", "Plaid") still needs the venue test. */
function partyReadingUnambiguous(tokens: readonly Token[], i: number, lex: CompiledLexicon): boolean {
  const next = tokens[i + 1];
  const prev = tokens[i - 1];
  if (next && next.sentence === tokens[i].sentence && lex.collocations.has(next.lemma) && !PARTY_AFTER.has(next.lemma))
    return false;
  if (prev && TITLES.has(prev.lemma)) return false;
  return true;
}
