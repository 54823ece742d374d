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
];
