// npm run bench: bundles the Worker, serves it on workerd via Miniflare (not `wrangler dev`, whose
// logging proxy caps throughput), loads each route with autocannon, and reports each route's
// throughput as a ratio to the baseline route. The machine's speed drifts over a run (other load,
// thermal limits), so one long baseline measurement against one long route measurement gave ratios
// that moved by 0.3 between runs. Instead each route is measured in short rounds interleaved with the
// baseline (B R B R … B): each round's ratio is the route against the mean of the baselines either
// side of it, and the report gives the median ratio and its spread (lowest to highest round).
// Last line: one JSON object.
import { readdirSync, readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import autocannon from "autocannon";
import { createToken, createUser } from "../src/repo/users";
import { bundle, serve } from "./server";
import { seedAccount, seedElections } from "./fixtures";
import { BASELINE, PLAIN_INSERT, SCENARIOS, SUBMISSION, WRITE_CONNECTIONS, type Scenario } from "./scenarios";
import { benchScreening } from "./screening";

const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
/** Interleaved rounds per route, and seconds per round (each of baseline and route). */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 11);
const ROUND_SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? 1.5);
/** BENCH_ONLY=reads or BENCH_ONLY=writes measures one half (for working on one figure); default both. */
const ONLY = process.env.BENCH_ONLY ?? "";

interface Interleaved {
  rps: number;
  baselineRps: number;
  ratio: number;
  ratioLow: number;
  ratioHigh: number;
  /** Baseline CPU per request over the route's, median over the rounds. */
  cpuRatio: number | null;
  cpuRatioLow: number | null;
  cpuRatioHigh: number | null;
  p50: number;
  p99: number;
  non2xx: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  /** workerd's CPU time per request (ms), where it can be read (Linux /proc). */
  cpuMsPerRequest: number | null;
  /** Every response's latency (ms), when asked for: to pool a route's requests over all its rounds. */
  latencies?: number[];
  /** When each of those responses arrived, in ms from the round's start. */
  arrivals?: number[];
}

/** The q-quantile of a sample (nearest rank). */
const quantile = (xs: number[], q: number) => {
  const s = Float64Array.from(xs).sort();
  return s.length ? s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] : 0;
};

// The Worker's CPU time, read from /proc for the workerd processes this process started. Throughput
// depends on how much of the machine workerd gets, which other processes change from second to second;
// CPU time per request does not, so its ratio is the steadier measure on a shared machine.
const TICK_MS = 10; // USER_HZ is 100 on Linux
function workerdPids(): number[] {
  try {
    return readdirSync("/proc")
      .filter((d) => /^\d+$/.test(d))
      .filter((d) => {
        try {
          const stat = readFileSync(`/proc/${d}/stat`, "utf8");
          const after = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
          return stat.includes("(workerd)") && Number(after[1]) === process.pid;
        } catch {
          return false;
        }
      })
      .map(Number);
  } catch {
    return [];
  }
}
let pids: number[] = [];
function workerdCpuMs(): number | null {
  if (!pids.length) return null;
  let ticks = 0;
  for (const pid of pids) {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const after = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    ticks += Number(after[11]) + Number(after[12]); // utime + stime
  }
  return ticks * TICK_MS;
}

let vars: Record<string, string> = {};
const fill = (text: string) => text.replace(/\{\{(\w+)\}\}/g, (_, k) => vars[k] ?? "");

async function load(
  url: string,
  s: Scenario,
  token: string,
  seconds = DURATION,
  connections = CONNECTIONS,
  keepLatencies = false,
): Promise<Measured> {
  const cpuBefore = workerdCpuMs();
  const latencies: number[] = [];
  const arrivals: number[] = [];
  const start = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: url + s.path,
        method: s.method,
        connections,
        duration: seconds,
        headers: {
          ...(s.auth ? { authorization: `Bearer ${token}` } : {}),
          ...(s.body ? { "content-type": "application/json" } : {}),
        },
        body: s.body ? fill(JSON.stringify(s.body)) : undefined,
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    if (keepLatencies)
      instance.on("response", (_client, _status, _bytes, ms: number) => {
        latencies.push(ms);
        arrivals.push(performance.now() - start);
      });
  });
  const cpuAfter = workerdCpuMs();
  const requests = result.requests.total;
  return {
    rps: requests / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    cpuMsPerRequest: cpuBefore === null || cpuAfter === null || !requests ? null : (cpuAfter - cpuBefore) / requests,
    latencies: keepLatencies ? latencies : undefined,
    arrivals: keepLatencies ? arrivals : undefined,
  };
}

/** B R B R … B: each round's ratio is the route against the mean of the baselines either side. */
async function interleaved(url: string, s: Scenario, token: string): Promise<Interleaved> {
  const baselines = [await load(url, BASELINE, token, ROUND_SECONDS)];
  const routes: Measured[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    routes.push(await load(url, s, token, ROUND_SECONDS));
    baselines.push(await load(url, BASELINE, token, ROUND_SECONDS));
  }
  const ratios = routes.map((r, i) => r.rps / ((baselines[i].rps + baselines[i + 1].rps) / 2));
  const cpuRatios = routes.flatMap((r, i) => {
    const [a, b] = [baselines[i].cpuMsPerRequest, baselines[i + 1].cpuMsPerRequest];
    return r.cpuMsPerRequest && a !== null && b !== null ? [(a + b) / 2 / r.cpuMsPerRequest] : [];
  });
  return {
    cpuRatio: cpuRatios.length ? median(cpuRatios) : null,
    cpuRatioLow: cpuRatios.length ? Math.min(...cpuRatios) : null,
    cpuRatioHigh: cpuRatios.length ? Math.max(...cpuRatios) : null,
    rps: median(routes.map((r) => r.rps)),
    baselineRps: median(baselines.map((b) => b.rps)),
    ratio: median(ratios),
    ratioLow: Math.min(...ratios),
    ratioHigh: Math.max(...ratios),
    p50: median(routes.map((r) => r.p50)),
    p99: median(routes.map((r) => r.p99)),
    non2xx: routes.reduce((n, r) => n + r.non2xx, 0) + baselines.reduce((n, b) => n + b.non2xx, 0),
  };
}

const WRITE_ROUNDS = Number(process.env.BENCH_WRITE_ROUNDS ?? 9);
const WRITE_ROUND_SECONDS = Number(process.env.BENCH_WRITE_ROUND_SECONDS ?? 3);
/** A window short enough that responses arriving within it were held up by one and the same event. */
const STALL_WINDOW_MS = 300;

/**
 * Where a round's p99 comes from: whether its slowest 1% of responses all arrived within one short
 * window (one stall that held every connection at once, rather than slow requests spread over the
 * round), and how long that stall was (the slowest response less the round's median).
 */
function tailOf(m: Measured): { oneStall: boolean; stallMs: number } {
  const lat = m.latencies ?? [];
  const at = m.arrivals ?? [];
  const p99 = quantile(lat, 0.99);
  const slow = at.filter((_, i) => lat[i] >= p99);
  const oneStall = slow.length > 0 && Math.max(...slow) - Math.min(...slow) <= STALL_WINDOW_MS;
  return { oneStall, stallMs: lat.length ? Math.max(...lat) - m.p50 : 0 };
}

const settle = () => new Promise((r) => setTimeout(r, 1500));

/**
 * Writes the same way, I S I S … I at 20 connections, with a pause after each round so that work a
 * round leaves behind (sealing, Workflows, dispatch after the response) finishes before the next round
 * starts rather than being charged to it.
 */
async function interleavedWrites(url: string, token: string) {
  const inserts: Measured[] = [];
  const subs: Measured[] = [];
  const round = (s: Scenario) => load(url, s, token, WRITE_ROUND_SECONDS, WRITE_CONNECTIONS, true);
  inserts.push(await round(PLAIN_INSERT));
  await settle();
  for (let i = 0; i < WRITE_ROUNDS; i++) {
    subs.push(await round(SUBMISSION));
    await settle();
    inserts.push(await round(PLAIN_INSERT));
    await settle();
  }
  const ratios = subs.map((r, i) => r.rps / ((inserts[i].rps + inserts[i + 1].rps) / 2));
  const p99Ratios = subs.map((r, i) => r.p99 / ((inserts[i].p99 + inserts[i + 1].p99) / 2));
  // Each route's p99 over all its requests in the run, whose slowest 1% is hundreds of requests, rather
  // than the median of the rounds' p99s, each taken from a round's slowest 15 to 20.
  const pooled = (ms: Measured[]) =>
    quantile(
      ms.flatMap((m) => m.latencies ?? []),
      0.99,
    );
  const summary = (ms: Measured[]): Measured => ({
    rps: median(ms.map((m) => m.rps)),
    p50: median(ms.map((m) => m.p50)),
    p99: pooled(ms),
    non2xx: ms.reduce((n, m) => n + m.non2xx, 0),
    cpuMsPerRequest: null,
  });
  const tails = (ms: Measured[]) => {
    const t = ms.map(tailOf);
    return { oneStall: t.filter((x) => x.oneStall).length, rounds: t.length, stallMs: median(t.map((x) => x.stallMs)) };
  };
  return {
    tail: { insert: tails(inserts), submission: tails(subs) },
    insert: summary(inserts),
    submission: summary(subs),
    ratio: median(ratios),
    ratioLow: Math.min(...ratios),
    ratioHigh: Math.max(...ratios),
    p99Ratio: pooled(subs) / pooled(inserts),
    p99RatioRounds: median(p99Ratios),
    p99RatioRoundsLow: Math.min(...p99Ratios),
    p99RatioRoundsHigh: Math.max(...p99Ratios),
  };
}

// Other processes on the machine skew every figure: say how busy it was.
const busy = () => `load average ${loadavg()[0].toFixed(2)} on ${cpus().length} CPUs`;
console.log(`start: ${busy()}`);
const screening = benchScreening();
console.log(
  `screening engine: ${screening.posts} posts, median ${screening.medianUs} µs, p99 ${screening.p99Us} µs, worst post ${screening.worstPostMedianUs} µs; ${screening.longPostBytes}-byte post median ${screening.longPostMedianUs} µs, max ${screening.longPostMaxUs} µs (targets: median < 100 µs, worst < 2000 µs)`,
);

const script = bundle();
const { mf, url, db } = await serve(script);
pids = workerdPids();
try {
  const actor = { id: null, label: "bench", requestId: "bench" };
  const user = await createUser(db, actor, { name: "Bench User", roles: ["auditor", "comms_officer", "admin"] });
  const { token } = await createToken(db, actor, user.id, { name: "bench", expiresInDays: 1 });
  await seedElections(db, actor);
  vars = {
    accountId: await seedAccount(db, actor, user.id),
    publishAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  };

  // Warm up the isolate and caches, then measure each route interleaved with the baseline.
  await load(url, BASELINE, token, 1);
  const scenarios = ONLY === "writes" ? [] : SCENARIOS;
  for (const s of scenarios) await load(url, s, token, 1);
  const rows: [Scenario, Interleaved][] = [];
  for (const s of scenarios) rows.push([s, await interleaved(url, s, token)]);
  const baseline = rows.length ? median(rows.map(([, m]) => m.baselineRps)) : 0;
  // Writes last, at 20 connections: submission (screen + D1 batch; the Workflow starts after the
  // response) against a plain one-row insert.
  const none: Measured = { rps: 0, p50: 0, p99: 0, non2xx: 0, cpuMsPerRequest: null };
  const writes =
    ONLY === "reads"
      ? {
          insert: none,
          submission: none,
          ratio: 0,
          ratioLow: 0,
          ratioHigh: 0,
          p99Ratio: 0,
          p99RatioRounds: 0,
          p99RatioRoundsLow: 0,
          p99RatioRoundsHigh: 0,
          tail: null,
        }
      : await interleavedWrites(url, token);
  const { insert, submission } = writes;

  const table = [
    [
      "route",
      "req/s",
      "p50 ms",
      "p99 ms",
      "non-2xx",
      "ratio to baseline (median)",
      "spread (rounds)",
      "CPU ratio (median)",
      "spread",
      "target",
    ],
    [BASELINE.name, baseline.toFixed(0), "", "", "", "1.00", "", "1.00", "", ""],
    ...rows.map(([s, m]) => [
      s.name,
      m.rps.toFixed(0),
      m.p50.toFixed(1),
      m.p99.toFixed(1),
      String(m.non2xx),
      m.ratio.toFixed(2),
      `${m.ratioLow.toFixed(2)}–${m.ratioHigh.toFixed(2)}`,
      m.cpuRatio === null ? "n/a" : m.cpuRatio.toFixed(2),
      m.cpuRatio === null ? "" : `${m.cpuRatioLow!.toFixed(2)}–${m.cpuRatioHigh!.toFixed(2)}`,
      s.target ? `≥ ${s.target}` : "",
    ]),
  ];
  const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
  for (const r of table) console.log(r.map((cell, i) => cell.padEnd(widths[i])).join("  "));
  console.log(`end: ${busy()}`);
  console.log(
    `(${CONNECTIONS} connections; each route in ${ROUNDS} rounds of ${ROUND_SECONDS}s interleaved with ${ROUNDS + 1} baseline rounds: B R B R … B; ratio = route / mean of the baselines either side, median over rounds; CPU ratio = the baselines' workerd CPU time per request over the route's, ${pids.length ? `read from /proc for workerd pid ${pids.join(", ")}` : "not available here"})`,
  );
  console.log("");
  console.log(`writes at ${WRITE_CONNECTIONS} connections:`);
  for (const [s, m] of [
    [PLAIN_INSERT, insert],
    [SUBMISSION, submission],
  ] as const) {
    console.log(
      `  ${s.name.padEnd(44)} ${m.rps.toFixed(0).padStart(6)} req/s  p50 ${m.p50.toFixed(1)} ms  p99 ${m.p99.toFixed(1)} ms  non-2xx ${m.non2xx}`,
    );
  }
  console.log(
    `  submission / plain insert throughput: ${writes.ratio.toFixed(2)} (median of ${WRITE_ROUNDS} rounds of ${WRITE_ROUND_SECONDS}s, I S I S … I; spread ${writes.ratioLow.toFixed(2)}–${writes.ratioHigh.toFixed(2)}; target ≥ 0.5)`,
  );
  if (writes.tail) {
    const { insert: ti, submission: ts } = writes.tail;
    console.log(
      `  where p99 comes from: the slowest 1% of a round arrived within one ${STALL_WINDOW_MS} ms window (one stall holding all ${WRITE_CONNECTIONS} connections) in ${ts.oneStall} of ${ts.rounds} submission rounds and ${ti.oneStall} of ${ti.rounds} insert rounds; the stall (slowest response less the round's p50), median over rounds: submission ${ts.stallMs.toFixed(0)} ms, insert ${ti.stallMs.toFixed(0)} ms`,
    );
  }
  console.log(
    `  p99 over every request of the run: submission ${submission.p99.toFixed(1)} ms / insert ${insert.p99.toFixed(1)} ms = ${writes.p99Ratio.toFixed(2)} (target ≤ 1.5); round by round, median ${writes.p99RatioRounds.toFixed(2)}, spread ${writes.p99RatioRoundsLow.toFixed(2)}–${writes.p99RatioRoundsHigh.toFixed(2)}`,
  );

  const figures = {
    screening,
    writes: {
      connections: WRITE_CONNECTIONS,
      plainInsert: { rps: Math.round(insert.rps), p50Ms: insert.p50, p99Ms: insert.p99, non2xx: insert.non2xx },
      submission: {
        rps: Math.round(submission.rps),
        p50Ms: submission.p50,
        p99Ms: submission.p99,
        non2xx: submission.non2xx,
      },
      submissionToInsertRatio: Number(writes.ratio.toFixed(3)),
      submissionToInsertRatioSpread: [Number(writes.ratioLow.toFixed(3)), Number(writes.ratioHigh.toFixed(3))],
      submissionToInsertP99Ratio: Number(writes.p99Ratio.toFixed(3)),
      tail: writes.tail,
      submissionToInsertP99RatioRounds: {
        median: Number(writes.p99RatioRounds.toFixed(3)),
        spread: [Number(writes.p99RatioRoundsLow.toFixed(3)), Number(writes.p99RatioRoundsHigh.toFixed(3))],
      },
    },
    connections: CONNECTIONS,
    rounds: ROUNDS,
    roundSeconds: ROUND_SECONDS,
    baselineRps: Math.round(baseline),
    routes: Object.fromEntries(
      rows.map(([s, m]) => [
        s.name,
        {
          rps: Math.round(m.rps),
          ratio: Number(m.ratio.toFixed(3)),
          ratioSpread: [Number(m.ratioLow.toFixed(3)), Number(m.ratioHigh.toFixed(3))],
          cpuRatio: m.cpuRatio === null ? null : Number(m.cpuRatio.toFixed(3)),
          cpuRatioSpread:
            m.cpuRatio === null ? null : [Number(m.cpuRatioLow!.toFixed(3)), Number(m.cpuRatioHigh!.toFixed(3))],
          p99Ms: m.p99,
          non2xx: m.non2xx,
          target: s.target ?? null,
        },
      ]),
    ),
  };
  console.log(JSON.stringify(figures));
  const failed = [
    ...rows,
    [PLAIN_INSERT, insert] as [Scenario, Measured],
    [SUBMISSION, submission] as [Scenario, Measured],
  ].filter(([, m]) => m.non2xx > 0);
  const missed = rows.filter(([s, m]) => s.target && m.ratio < s.target);
  if (missed.length)
    console.error(`Below target: ${missed.map(([s, m]) => `${s.name} ${m.ratio.toFixed(2)}`).join(", ")}`);
  if (ONLY !== "reads" && (writes.ratio < 0.5 || writes.p99Ratio > 1.5))
    console.error(
      `Writes off target: throughput ratio ${writes.ratio.toFixed(2)} (≥ 0.5), p99 ratio ${writes.p99Ratio.toFixed(2)} (≤ 1.5)`,
    );
  if (failed.length) {
    console.error(`Routes answered non-2xx under load: ${failed.map(([s]) => s.name).join(", ")}`);
    process.exitCode = 1;
  }
} finally {
  await mf.dispose();
}
