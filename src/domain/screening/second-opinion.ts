// An optional second opinion from Workers AI (off unless the Worker has an `AI` binding): a
// content-safety model (Llama Guard 3) and an instruction model given the policy's clauses. It may
// only RAISE a verdict to review — never lower one, never pass what the rules block. Each answer is
// checked with zod and time-limited; any failure falls back to the rules, shown as an info finding so
// the approver sees the second opinion was not available. The rules stay the floor and the explanation.
import { z } from "zod";
import { CLAUSES, type Finding, type ScreeningResult } from "./types";

/** The part of the Workers AI binding used here (`env.AI.run(model, inputs)`). */
export interface AiBinding {
  run(model: string, inputs: Record<string, unknown>): Promise<unknown>;
}

export const SAFETY_MODEL = "@cf/meta/llama-guard-3-8b";
export const POLICY_MODEL = "@cf/meta/llama-3.1-8b-instruct";

// Llama Guard 3 on Workers AI: { response: { safe, categories } } or the model's raw text,
// "safe" or "unsafe\nS1,S10".
const GuardAnswer = z.object({
  response: z.union([z.object({ safe: z.boolean(), categories: z.array(z.string()).optional() }), z.string().min(1)]),
});
// The instruction model: { response: "<JSON text>" } (or an object in JSON mode).
const PolicyVerdict = z.object({
  verdict: z.enum(["pass", "review"]),
  clauses: z.array(z.string().max(20)).max(10).default([]),
  reason: z.string().max(500).default(""),
});
const PolicyAnswer = z.object({ response: z.union([z.string().min(1), PolicyVerdict]) });

// MLCommons hazard categories Llama Guard 3 names, in the policy's words.
const HAZARDS: Record<string, string> = {
  S1: "violent crimes",
  S2: "non-violent crimes",
  S3: "sex-related crimes",
  S4: "child sexual exploitation",
  S5: "defamation",
  S6: "specialised advice",
  S7: "privacy",
  S8: "intellectual property",
  S9: "indiscriminate weapons",
  S10: "hate",
  S11: "suicide and self-harm",
  S12: "sexual content",
  S13: "elections",
  S14: "code interpreter abuse",
};

const PROMPT = `You check posts for a UK council's social media accounts against the councillors' social media policy.
Clauses: 5.7 no personal attacks or disrespectful, rude or offensive comments; 5.8 nothing sexist, racist, ageist,
homophobic or anti-faith (Equality Act 2010); 8.1/8.5 nothing confidential, exempt or private; 8.3 no personal data;
8.6 no images without copyright; 10.1 no insulting or offensive language; 10.3 nothing that appears designed to affect
support for a political party (Local Government Act 1986 s.2); 10.4 no personal financial interests or personal
campaigns; 10.5 nothing abusive or hateful. Innuendo, sarcasm, coded language and new slang count.
Answer with JSON only: {"verdict":"pass"|"review","clauses":["10.3"],"reason":"one plain sentence"}.`;

export interface SecondOpinionOptions {
  /** Milliseconds allowed for both models together (default 2500). */
  timeoutMs?: number;
}

function info(message: string): Finding {
  return {
    rule: "second_opinion",
    clause: CLAUSES.second_opinion,
    severity: "info",
    message,
    excerpt: "",
    start: 0,
    end: 0,
    overridable: true,
  };
}

function within<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    p,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function parseGuard(raw: unknown): { safe: boolean; categories: string[] } {
  const a = GuardAnswer.parse(raw).response;
  if (typeof a !== "string") return { safe: a.safe, categories: a.categories ?? [] };
  const [first, second = ""] = a.trim().split(/\r?\n/);
  const verdict = first.trim().toLowerCase();
  if (verdict !== "safe" && verdict !== "unsafe") throw new Error(`unexpected answer "${first.slice(0, 40)}"`);
  return {
    safe: verdict === "safe",
    categories: second
      .split(",")
      .map((c) => c.trim())
      .filter((c) => /^S\d{1,2}$/.test(c)),
  };
}

function parsePolicy(raw: unknown): z.infer<typeof PolicyVerdict> {
  const r = PolicyAnswer.parse(raw).response;
  if (typeof r !== "string") return r;
  const from = r.indexOf("{");
  const to = r.lastIndexOf("}");
  if (from < 0 || to <= from) throw new Error("no JSON object in the answer");
  return PolicyVerdict.parse(JSON.parse(r.slice(from, to + 1)));
}

/**
 * The rules' result with the models' opinions added: findings labelled "second_opinion"; the verdict
 * raised from pass to review if either model flags the post, never lowered.
 */
export async function withSecondOpinion(
  result: ScreeningResult,
  text: string,
  ai: AiBinding | undefined,
  opts: SecondOpinionOptions = {},
): Promise<ScreeningResult> {
  if (!ai) return result;
  const ms = opts.timeoutMs ?? 2500;
  const excerpt = text.slice(0, 80);
  const [guard, policy] = await Promise.allSettled([
    within(ai.run(SAFETY_MODEL, { messages: [{ role: "user", content: text }] }).then(parseGuard), ms),
    within(
      ai
        .run(POLICY_MODEL, {
          messages: [
            { role: "system", content: PROMPT },
            { role: "user", content: text },
          ],
          max_tokens: 200,
          temperature: 0,
        })
        .then(parsePolicy),
      ms,
    ),
  ]);
  const added: Finding[] = [];
  const flag = (message: string): Finding => ({
    ...info(message),
    severity: "review",
    excerpt,
    end: excerpt.length,
  });
  if (guard.status === "fulfilled") {
    if (!guard.value.safe)
      added.push(
        flag(
          `Second opinion (${SAFETY_MODEL}): the safety model reads this post as unsafe (${guard.value.categories.map((c) => `${c} ${HAZARDS[c] ?? ""}`.trim()).join(", ") || "no category given"}); a person decides (policy 5.7, 5.8, 10.5).`,
        ),
      );
  } else
    added.push(
      info(`Second opinion from ${SAFETY_MODEL} unavailable (${reason(guard.reason)}): the rules alone decided.`),
    );
  if (policy.status === "fulfilled") {
    if (policy.value.verdict === "review")
      added.push(
        flag(
          `Second opinion (${POLICY_MODEL}): ${policy.value.reason || "the model asks for a person to check this post"}${policy.value.clauses.length ? ` (policy ${policy.value.clauses.join(", ")})` : ""}; a person decides.`,
        ),
      );
  } else
    added.push(
      info(`Second opinion from ${POLICY_MODEL} unavailable (${reason(policy.reason)}): the rules alone decided.`),
    );
  const raised = result.verdict === "pass" && added.some((f) => f.severity === "review") ? "review" : result.verdict;
  return { ...result, verdict: raised, findings: [...result.findings, ...added] };
}

function reason(err: unknown): string {
  if (err instanceof z.ZodError) return "its answer was not in the expected form";
  if (err instanceof SyntaxError) return "its answer was not valid JSON";
  return err instanceof Error ? err.message.slice(0, 120) : "unknown error";
}
