// The roles a user may hold (several at once). Who may call what is in ./access.ts.
export const ROLES = [
  "comms_officer",
  "comms_manager",
  "chief_executive",
  "monitoring_officer",
  "democratic_services",
  "ict_manager",
  "councillor",
  "candidate",
  "election_agent",
  "auditor",
  "admin",
] as const;

export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
