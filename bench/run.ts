// npm run bench: bundles the Worker, serves it on workerd via Miniflare (not `wrangler dev`, whose
// logging proxy caps throughput), loads each route with autocannon, and reports each route's
// throughput as a ratio to the baseline route measured in the same run. Last line: one JSON object.
import autocannon from "autocannon";
import { createToken, createUser } from "../src/repo/users";
import { bundle, serve } from "./server";
import { seedAccount, seedElections } from "./fixtures";
import { BASELINE, PLAIN_INSERT, SCENARIOS, SUBMISSION, WRITE_CONNECTIONS, type Scenario } from "./scenarios";
import { benchScreening } from "./screening";

const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
}

let vars: Record<string, string> = {};
const fill = (text: string) => text.replace(/\{\{(\w+)\}\}/g, (_, k) => vars[k] ?? "");

async function load(
  url: string,
  s: Scenario,
  token: string,
  seconds = DURATION,
  connections = CONNECTIONS,
): Promise<Measured> {
  const result = await autocannon({
    url: url + s.path,
    method: s.method,
    connections,
    duration: seconds,
    headers: {
      ...(s.auth ? { authorization: `Bearer ${token}` } : {}),
      ...(s.body ? { "content-type": "application/json" } : {}),
    },
    body: s.body ? fill(JSON.stringify(s.body)) : undefined,
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx };
}

const screening = benchScreening();
console.log(
  `screening engine: ${screening.posts} posts, median ${screening.medianUs} µs, p99 ${screening.p99Us} µs, worst post ${screening.worstPostMedianUs} µs; ${screening.longPostBytes}-byte post median ${screening.longPostMedianUs} µs, max ${screening.longPostMaxUs} µs (targets: median < 100 µs, worst < 2000 µs)`,
);

const script = bundle();
const { mf, url, db } = await serve(script);
try {
  const actor = { id: null, label: "bench", requestId: "bench" };
  const user = await createUser(db, actor, { name: "Bench User", roles: ["auditor", "comms_officer", "admin"] });
  const { token } = await createToken(db, actor, user.id, { name: "bench", expiresInDays: 1 });
  await seedElections(db, actor);
  vars = {
    accountId: await seedAccount(db, actor, user.id),
    publishAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  };

  // Warm up the isolate and caches, then measure the baseline before and after the routes so that
  // drift over the run shows up rather than skewing the ratios.
  await load(url, BASELINE, token, 1);
  const before = await load(url, BASELINE, token);
  const rows: [Scenario, Measured][] = [];
  for (const s of SCENARIOS) rows.push([s, await load(url, s, token)]);
  const after = await load(url, BASELINE, token);
  const baseline = (before.rps + after.rps) / 2;
  // Writes last, at 20 connections: submission (screen + D1 batch; the Workflow starts after the
  // response) against a plain one-row insert.
  const insert = await load(url, PLAIN_INSERT, token, DURATION, WRITE_CONNECTIONS);
  const submission = await load(url, SUBMISSION, token, DURATION, WRITE_CONNECTIONS);

  const table = [
    ["route", "req/s", "p50 ms", "p99 ms", "non-2xx", "ratio to baseline", "target"],
    [
      BASELINE.name,
      baseline.toFixed(0),
      before.p50.toFixed(1),
      before.p99.toFixed(1),
      String(before.non2xx + after.non2xx),
      "1.00",
      "",
    ],
    ...rows.map(([s, m]) => [
      s.name,
      m.rps.toFixed(0),
      m.p50.toFixed(1),
      m.p99.toFixed(1),
      String(m.non2xx),
      (m.rps / baseline).toFixed(2),
      s.target ? `≥ ${s.target}` : "",
    ]),
  ];
  const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
  for (const r of table) console.log(r.map((cell, i) => cell.padEnd(widths[i])).join("  "));
  console.log(
    `(${CONNECTIONS} connections, ${DURATION}s per route; baseline before ${before.rps.toFixed(0)}, after ${after.rps.toFixed(0)} req/s)`,
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
  console.log(`  submission / plain insert throughput: ${(submission.rps / insert.rps).toFixed(2)}`);

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
      submissionToInsertRatio: Number((submission.rps / insert.rps).toFixed(3)),
    },
    connections: CONNECTIONS,
    seconds: DURATION,
    baselineRps: Math.round(baseline),
    routes: Object.fromEntries(
      rows.map(([s, m]) => [
        s.name,
        {
          rps: Math.round(m.rps),
          ratio: Number((m.rps / baseline).toFixed(3)),
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
  if (failed.length) {
    console.error(`Routes answered non-2xx under load: ${failed.map(([s]) => s.name).join(", ")}`);
    process.exitCode = 1;
  }
} finally {
  await mf.dispose();
}
