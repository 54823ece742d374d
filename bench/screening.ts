// CPU time of the screening engine per post, measured directly (no HTTP), against a baseline that
// only reads each post once (String.prototype.normalize), in the same run.
import lexiconFile from "../calendars/lexicons.json";
import { compileLexicon, screen, type Lexicon, type ScreeningContext } from "../src/domain/screening";
import { corpus, longPost } from "./corpus";

function timeEach(posts: string[], fn: (s: string) => unknown, rounds: number): number[] {
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const p of posts) {
      const t0 = process.hrtime.bigint();
      fn(p);
      times.push(Number(process.hrtime.bigint() - t0) / 1000);
    }
  }
  return times.sort((a, b) => a - b);
}

const pct = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

export function benchScreening() {
  const lexicon = compileLexicon({ ...(lexiconFile as Lexicon), thirdParties: ["Veolia"] });
  const window = {
    electionId: "e",
    title: "Demo elections",
    kind: "local" as const,
    pollDate: "2027-05-06",
    areaIds: [],
    start: "",
    end: "",
    startDate: "2027-03-31",
    startBasis: "latest_legal_notice" as const,
    endBasis: "close_of_poll" as const,
    source: "",
  };
  const ctx: ScreeningContext = {
    lexicon,
    account: { kind: "corporate", purdahBehaviour: "gate" },
    purdah: [window],
    people: [{ name: "Cllr Amina Patel", role: "councillor", handles: ["@CllrAminaPatel"], urls: [] }],
    officers: ["Janet Officer"],
    logoApproved: false,
  };
  const posts = corpus();
  const run = (text: string) => screen({ text }, ctx);
  timeEach(posts, run, 2); // warm up the JIT
  const engine = timeEach(posts, run, 5);
  const baseline = timeEach(posts, (s) => s.normalize("NFKC"), 5);
  const long = longPost();
  timeEach([long], run, 100); // a long-lived isolate: the JIT settles on a 10 KB post after tens of runs
  const longTimes = timeEach([long], run, 100);
  const verdicts = posts.map((p) => run(p).verdict);
  // The worst post: each post's own median over 7 runs, so a GC pause is not charged to a post.
  const perPost = posts.map((p) => ({ p, us: pct(timeEach([p], run, 7), 0.5) })).sort((a, b) => b.us - a.us);
  return {
    posts: posts.length,
    medianUs: Number(pct(engine, 0.5).toFixed(1)),
    p99Us: Number(pct(engine, 0.99).toFixed(1)),
    worstPostMedianUs: Number(perPost[0].us.toFixed(1)),
    worstPostChars: perPost[0].p.length,
    maxSingleSampleUs: Number(engine[engine.length - 1].toFixed(1)),
    baselineMedianUs: Number(pct(baseline, 0.5).toFixed(2)),
    medianRatioToBaseline: Number((pct(engine, 0.5) / pct(baseline, 0.5)).toFixed(1)),
    longPostBytes: new TextEncoder().encode(long).length,
    longPostMedianUs: Number(pct(longTimes, 0.5).toFixed(1)),
    longPostMaxUs: Number(longTimes[longTimes.length - 1].toFixed(1)),
    verdicts: {
      pass: verdicts.filter((v) => v === "pass").length,
      review: verdicts.filter((v) => v === "review").length,
      block: verdicts.filter((v) => v === "block").length,
    },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(benchScreening(), null, 2));
