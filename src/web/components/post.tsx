// How a post and its screening findings read on a page: the text in full with the words each finding
// is about highlighted, and each finding as one plain sentence citing its clause once.
import type { Finding } from "../../domain/screening";
import { ukDate } from "./time";
import { platformWords } from "./words";

/** The policy part of a finding's clause ("policy 9.1, 9.2"), else the clause as it is. */
export function shortClause(clause: string): string {
  const m = /policy [\d.]+(?:,\s*[\d.]+)*/i.exec(clause);
  return m ? m[0] : clause;
}

/**
 * One plain sentence: the engine's message without its own clause references and with dates in
 * words, cut after its first clause ("…during the pre-election period for X").
 */
export function findingSentence(f: Finding): string {
  let m = f.message
    .replace(/\d{4}-\d{2}-\d{2}/g, (d) => ukDate(d))
    .replace(/\s*\((?:from [^)]*|[^)]*(?:policy|Code|guidance|Act)[^)]*)\)/g, "")
    .replace(/\s+Marked as essential public information:.*$/s, "");
  const colon = m.indexOf(": ");
  if (colon > 20) m = m.slice(0, colon);
  return m.replace(/\s*[.;]\s*$/, "");
}

const severityWords = (f: Finding) => (f.severity === "block" ? "Blocked" : f.severity === "review" ? "Check" : "Note");

/** The findings as a list: one sentence each, the clause once, the words quoted. */
export function FindingList({ findings }: { findings: Finding[] }) {
  const shown = dedupe(findings.filter((f) => f.severity !== "info"));
  if (shown.length === 0)
    return <div class="govuk-inset-text">No problems found: the post passes the policy checks.</div>;
  return (
    <ul class="govuk-list govuk-list--bullet" id="findings">
      {shown.map((f) => (
        <li>
          <strong>{severityWords(f)}:</strong> {findingSentence(f)} ({shortClause(f.clause)}).
          {f.excerpt && f.excerpt.length <= 60 ? ` The words: “${f.excerpt}”.` : ""}
        </li>
      ))}
    </ul>
  );
}

/** The same rule at the same words once only. */
export function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.rule}|${f.start}|${f.end}|${findingSentence(f)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The post's full text with the words findings are about highlighted (never cut). */
export function PostText({ text, findings = [], id }: { text: string; findings?: Finding[]; id?: string }) {
  const spans = dedupe(
    findings.filter((f) => f.severity !== "info" && f.end > f.start && f.end - f.start < text.length),
  )
    .map((f) => [f.start, f.end] as const)
    .sort((a, b) => a[0] - b[0]);
  const parts: (string | { mark: string })[] = [];
  let at = 0;
  for (const [start, end] of spans) {
    if (start < at) continue;
    if (start > at) parts.push(text.slice(at, start));
    parts.push({ mark: text.slice(start, end) });
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return (
    <div class="govuk-inset-text csg-post-text" id={id}>
      {parts.map((p) => (typeof p === "string" ? p : <mark class="csg-highlight">{p.mark}</mark>))}
    </div>
  );
}

/** The first words of a post, whole words only and never part of a web address. */
export function firstWords(text: string, max = 80): string {
  const words = text.trim().split(/\s+/);
  let out = "";
  for (const w of words) {
    const next = out ? `${out} ${w}` : w;
    if (next.length > max) {
      if (!out) return /^https?:\/\//i.test(w) ? w : `${w.slice(0, max)}…`;
      return `${out}…`;
    }
    out = next;
  }
  return out;
}

export const accountName = (a: { platform: string; handle: string } | undefined | null) =>
  a ? `${platformWords(a.platform)} ${a.handle}` : "An account no longer registered";

/** People's names by id, for showing who did what. */
export async function namesOf(d1: D1Database, ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  const names = new Map<string, string>();
  for (let i = 0; i < wanted.length; i += 90) {
    const chunk = wanted.slice(i, i + 90);
    const rows = await d1
      .prepare(`SELECT id, name FROM users WHERE id IN (${chunk.map(() => "?").join(",")})`)
      .bind(...chunk)
      .all<{ id: string; name: string }>();
    for (const r of rows.results) names.set(r.id, r.name);
  }
  return names;
}
