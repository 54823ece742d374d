// npm run bench: bundles the Worker, serves it on workerd via Miniflare (not `wrangler dev`, whose
// logging proxy caps throughput), loads each route with autocannon, and reports each route's
// throughput as a ratio to the baseline route measured in the same run. Last line: one JSON object.
import autocannon from "autocannon";
import { createToken, createUser } from "../src/repo/users";
import { bundle, serve } from "./server";
import { seedElections } from "./fixtures";
import { BASELINE, SCENARIOS, type Scenario } from "./scenarios";

const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

interface Measured {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
}

async function load(url: string, s: Scenario, token: string, seconds = DURATION): Promise<Measured> {
  const result = await autocannon({
    url: url + s.path,
    method: s.method,
    connections: CONNECTIONS,
    duration: seconds,
    headers: { ...(s.auth ? { authorization: `Bearer ${token}` } : {}), ...(s.body ? { "content-type": "application/json" } : {}) },
    body: s.body ? JSON.stringify(s.body) : undefined,
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx };
}

const script = bundle();
const { mf, url, db } = await serve(script);
try {
  const actor = { id: null, label: "bench", requestId: "bench" };
  const user = await createUser(db, actor, { name: "Bench User", roles: ["auditor"] });
  const { token } = await createToken(db, actor, user.id, { name: "bench", expiresInDays: 1 });
  await seedElections(db, actor);

  // Warm up the isolate and caches, then measure the baseline before and after the routes so that
  // drift over the run shows up rather than skewing the ratios.
  await load(url, BASELINE, token, 1);
  const before = await load(url, BASELINE, token);
  const rows: [Scenario, Measured][] = [];
  for (const s of SCENARIOS) rows.push([s, await load(url, s, token)]);
  const after = await load(url, BASELINE, token);
  const baseline = (before.rps + after.rps) / 2;

  const table = [
    ["route", "req/s", "p50 ms", "p99 ms", "non-2xx", "ratio to baseline", "target"],
    [BASELINE.name, baseline.toFixed(0), before.p50.toFixed(1), before.p99.toFixed(1), String(before.non2xx + after.non2xx), "1.00", ""],
    ...rows.map(([s, m]) => [s.name, m.rps.toFixed(0), m.p50.toFixed(1), m.p99.toFixed(1), String(m.non2xx), (m.rps / baseline).toFixed(2), s.target ? `≥ ${s.target}` : ""]),
  ];
  const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
  for (const r of table) console.log(r.map((cell, i) => cell.padEnd(widths[i])).join("  "));
  console.log(`(${CONNECTIONS} connections, ${DURATION}s per route; baseline before ${before.rps.toFixed(0)}, after ${after.rps.toFixed(0)} req/s)`);

  const figures = {
    connections: CONNECTIONS,
    seconds: DURATION,
    baselineRps: Math.round(baseline),
    routes: Object.fromEntries(
      rows.map(([s, m]) => [s.name, { rps: Math.round(m.rps), ratio: Number((m.rps / baseline).toFixed(3)), p99Ms: m.p99, non2xx: m.non2xx, target: s.target ?? null }]),
    ),
  };
  console.log(JSON.stringify(figures));
  const failed = rows.filter(([, m]) => m.non2xx > 0);
  if (failed.length) {
    console.error(`Routes answered non-2xx under load: ${failed.map(([s]) => s.name).join(", ")}`);
    process.exitCode = 1;
  }
} finally {
  await mf.dispose();
}
