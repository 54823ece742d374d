// What the bench measures. Each scenario is compared with the baseline (GET /ping, a route that
// does nothing but pass the app's middleware) measured in the same run. Later issues add theirs.
export interface Scenario {
  name: string;
  method: "GET" | "POST";
  path: string;
  /** Send the bench user's bearer token. */
  auth?: boolean;
  body?: unknown;
  /** The least ratio to the baseline the issue that added it asks for, if any. */
  target?: number;
}

export const BASELINE: Scenario = { name: "baseline GET /ping", method: "GET", path: "/ping" };

export const SCENARIOS: Scenario[] = [
  { name: "GET /healthz", method: "GET", path: "/healthz" },
  { name: "GET /v1/me (bearer token)", method: "GET", path: "/v1/me", auth: true },
  // Issue 3 asks both to reach 0.8× the baseline.
  { name: "GET /v1/timetable", method: "GET", path: "/v1/timetable?kind=local&nation=england&poll=2027-05-06", target: 0.8 },
  { name: "GET /v1/purdah (area, instant)", method: "GET", path: "/v1/purdah?at=2027-04-01T12:00:00Z&area=bench-ward-1", target: 0.8 },
];
