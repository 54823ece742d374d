// A corpus of varied posts for timing the screening engine: ordinary council posts, political and
// campaign posts, near misses, personal data, and the same disguised (case, look-alikes, zero-width
// characters, spacing, hashtags, emoji).
const BASE = [
  "Bin collections move to Tuesday after the bank holiday. Check your day online.",
  "Labour market figures for the district are out today: employment is up 2%.",
  "Enjoy our green spaces this weekend — the park café is open until 6pm.",
  "That is a conservative estimate of the cost of the new bridge.",
  "Consultation on the reform of bin collections closes on Friday.",
  "The liberal use of grit kept the roads open overnight. Thank you to our crews!",
  "Scunthorpe and Penistone libraries open late on Thursday for the reading challenge.",
  "Vote Labour on Thursday for a fairer town!",
  "The Tories have failed Riverside for fourteen years.",
  "Proud of what the Conservatives have delivered on housing.",
  "Sign my petition to save the bandstand — link in bio.",
  "Use code SAVE10 for 10% off at my shop this weekend.",
  "Highlights from the exempt report on the depot relocation.",
  "Contact jane.doe@example.com or ring 07700 900123 for a form.",
  "Thanks to Veolia for the extra collections over Christmas.",
  "Cllr Patel opened the new library extension this morning.",
  "Flooding: Riverside Road is closed. Please avoid the area and follow diversions.",
  "Have your say on our new parking consultation before 1 March.",
  "Our winter warmth hubs are open across the borough. Everyone welcome.",
  "Register to vote by 20 April to vote in the local elections on 7 May.",
  "Road resurfacing on Green Lane starts on Monday for two weeks.",
  "Free swimming for under-16s during the school holidays at all leisure centres.",
  "Planning committee meets on Wednesday at 7pm; the agenda is online.",
  "Fostering information evening: could you give a child a home?",
  "New recycling rules from April: soft plastics now go in the orange bin.",
];
const DISGUISES: ((s: string) => string)[] = [
  (s) => s,
  (s) => s.toUpperCase(),
  (s) => s.replace(/o/g, "о").replace(/a/g, "а"), // Cyrillic look-alikes
  (s) => s.replace(/(\w)(\w)/g, "$1\u200B$2"),
  (s) => s.replace(/\b(\w+)\b/, (w) => w.split("").join(".")),
  (s) => `${s} #CouncilNews #VoteLabour`,
  (s) => `🌟 ${s} 🎉🏡`,
  (s) => s.replace(/ /g, "  "),
  (s) => `${s} ${s}`,
  (s) => s.replace(/e/g, "3").replace(/o/g, "0"),
  (s) => `Reminder: ${s.toLowerCase()}`,
  (s) => `${s} More at https://demo.gov.uk/news?id=42`,
  (s) => `Thread 1/3: ${s}`,
  (s) => s.replace(/\./g, "!!!"),
  (s) => `"${s}" said a spokesperson.`,
  (s) => `${s} @DemoBorough`,
  (s) => s.split(" ").reverse().join(" "),
  (s) => s.replace(/ /g, "\n"),
  (s) => `${s} (${s.length} characters)`,
  (s) => `ＦＹＩ ${s}`,
  (s) => s.normalize("NFD"),
  (s) => `${s} L a b o u r`,
  (s) => s.replace(/s\b/g, "z"),
  (s) => s.slice(0, Math.ceil(s.length / 2)),
  (s) => `${s} #GreenSpaces #Riverside2027`,
  (s) => s + " ✅".repeat(5),
  (s) => s.replace(/the/gi, "THE"),
  (s) => `Update — ${s}`,
  (s) => s.replace(/,/g, " ,"),
  (s) => `${s} 💚💙❤️💛`,
  (s) => s.replace(/ /g, "_"),
  (s) => s.replace(/(\d+)/g, "$1,000"),
  (s) => `[${s}]`,
  (s) => s.repeat(3),
  (s) => s.replace(/a/g, "@"),
  (s) => `${s}\n\n#ad`,
  (s) => `${s} Please share.`,
  (s) => s.replace(/[aeiou]/g, (v) => v.toUpperCase()),
  (s) => `${s}`.replace(/ /g, "\u00A0"),
  (s) => `Breaking: ${s}`,
  (s) => s.replace(/\b\w/g, (c) => c.toUpperCase()),
  (s) => `${s} — Demo Borough Council`,
];

export function corpus(): string[] {
  const out: string[] = [];
  for (const base of BASE) for (const disguise of DISGUISES) out.push(disguise(base));
  return out;
}

/** A long post, about 10 KB. */
export function longPost(): string {
  let s = "";
  let i = 0;
  while (s.length < 10_240) s += `${BASE[i++ % BASE.length]} `;
  return s.slice(0, 10_240);
}
