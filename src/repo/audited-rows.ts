import { getTableColumns, type Table } from "drizzle-orm";
import { getTableConfig, type SQLiteTable } from "drizzle-orm/sqlite-core";
import * as schema from "../../schema";

/**
 * The business tables whose rows are carried in the audit chain: an audited change names the row it
 * wrote (`AuditInput.row`), SQLite reads that row's state inside the same transaction, and the entry's
 * hash covers it. `verifyAudit` then compares each live row with the newest state the chain holds, so
 * a post's text, an expense amount or a decision's approver edited in the database is found.
 *
 * `exclude` lists bookkeeping columns written outside audited changes (they would differ innocently).
 */
const AUDITED: Record<string, { table: SQLiteTable; exclude?: string[] }> = {
  posts: { table: schema.posts, exclude: ["workflow_started_at"] },
  post_versions: { table: schema.postVersions },
  post_decisions: { table: schema.postDecisions },
  publishing_stops: { table: schema.publishingStops },
  account_approval_policies: { table: schema.accountApprovalPolicies },
  corporate_accounts: { table: schema.corporateAccounts },
  councillor_accounts: { table: schema.councillorAccounts },
  security_exemptions: { table: schema.securityExemptions },
  logo_requests: { table: schema.logoRequests },
  takedown_requests: { table: schema.takedownRequests },
  incident_reports: { table: schema.incidentReports },
  candidacies: { table: schema.candidacies },
  expense_items: { table: schema.expenseItems },
  spending_returns: { table: schema.spendingReturns },
  elections: { table: schema.elections },
  election_cycles: { table: schema.electionCycles },
  areas: { table: schema.areas },
  council_settings: { table: schema.councilSettings },
  lexicon_versions: { table: schema.lexiconVersions },
  nominations: { table: schema.nominations },
};

export type AuditedTable = keyof typeof AUDITED;
export type RowKey = Record<string, string | number>;

interface Shape {
  columns: string[];
  keys: string[];
}

const shapes = new Map<string, Shape>();

function shapeOf(name: string): Shape {
  let shape = shapes.get(name);
  if (!shape) {
    const entry = AUDITED[name];
    if (!entry) throw new Error(`audit: ${name} is not an audited table (src/repo/audited-rows.ts)`);
    const exclude = new Set(entry.exclude ?? []);
    const columns = Object.values(getTableColumns(entry.table as Table))
      .map((c) => c.name)
      .filter((c) => !exclude.has(c))
      .sort();
    const config = getTableConfig(entry.table);
    const keys = config.primaryKeys.length
      ? config.primaryKeys[0].columns.map((c) => c.name)
      : config.columns.filter((c) => c.primary).map((c) => c.name);
    shape = { columns, keys: keys.sort() };
    shapes.set(name, shape);
  }
  return shape;
}

export function auditedTables(): string[] {
  return Object.keys(AUDITED);
}

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

/** SQL for a row's state as JSON text: its columns by name, in the order shapeOf gives them. */
const stateJson = (columns: string[]) => `json_object(${columns.map((c) => `'${c}', ${quote(c)}`).join(", ")})`;

export interface AuditedRow {
  table: AuditedTable;
  key: RowKey;
}

/** SQL for one row's state as JSON text (NULL when there is no such row), and its key's binds. */
function rowStateSql(table: string, key: RowKey): { sql: string; binds: (string | number)[] } {
  const { columns, keys } = shapeOf(table);
  const missing = keys.filter((k) => key[k] === undefined);
  if (missing.length) throw new Error(`audit: the key of ${table} needs ${missing.join(", ")}`);
  return {
    sql: `(SELECT ${stateJson(columns)} FROM ${quote(table)} WHERE ${keys
      .map((k) => `${quote(k)} = ?`)
      .join(" AND ")})`,
    binds: keys.map((k) => key[k]),
  };
}

/** SQL for the audit entry's `rows` column: JSON [{table, key, state}] (NULL for none), and its binds. */
export function rowsSql(rows: AuditedRow[]): { sql: string; binds: (string | number)[] } {
  if (rows.length === 0) return { sql: "NULL", binds: [] };
  const binds: (string | number)[] = [];
  const parts = rows.map((r) => {
    const state = rowStateSql(r.table, r.key);
    binds.push(r.table, rowKeyText(r.table, r.key), ...state.binds);
    return `json_object('table', ?, 'key', json(?), 'state', json(${state.sql}))`;
  });
  return { sql: `json_array(${parts.join(", ")})`, binds };
}

/**
 * Many rows of one table with a one-column key, for a change that writes a whole set (a statement of
 * persons nominated, replaced whole): the same JSON [{table, key, state}] as `rowsSql`, built by SQLite
 * from the keys passed as one JSON parameter, so a set of any size binds one value (D1 binds at most
 * 100 a statement). A key whose row the change deleted records state null.
 */
export function rowSetSql(table: AuditedTable, ids: (string | number)[]): { sql: string; binds: string[] } {
  const { columns, keys } = shapeOf(table);
  if (keys.length !== 1) throw new Error(`audit: a row set needs a one-column key; ${table} has ${keys.join(", ")}`);
  if (ids.length === 0) return { sql: "NULL", binds: [] };
  const [key] = keys;
  const state = `(SELECT ${stateJson(columns)} FROM ${quote(table)} WHERE ${quote(key)} = j.value)`;
  return {
    sql: `(SELECT json_group_array(json_object('table', '${table}', 'key', json_object('${key}', j.value),
      'state', json(${state}))) FROM json_each(?) AS j)`,
    binds: [JSON.stringify(ids)],
  };
}

/** SQL listing every live row of a table as (row_key, row_state), for comparing with the chain. */
export function liveRowsSql(table: string): string {
  const { columns, keys } = shapeOf(table);
  return `SELECT json_object(${keys.map((k) => `'${k}', ${quote(k)}`).join(", ")}) AS row_key,
    ${stateJson(columns)} AS row_state FROM ${quote(table)}`;
}

/** A row key as stored in the chain: key columns sorted, as SQLite's json_object writes it. */
function rowKeyText(table: string, key: RowKey): string {
  const { keys } = shapeOf(table);
  return JSON.stringify(Object.fromEntries(keys.map((k) => [k, key[k]])));
}
