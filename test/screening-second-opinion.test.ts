// The optional Workers AI second opinion, with a stand-in binding that answers in the models'
// documented output formats: Llama Guard 3 on Workers AI ({ response: { safe, categories } }, or the
// model's raw text "safe" / "unsafe\nS10") and an instruction model ({ response: "<text>" }). It may
// raise pass to review, never lower a verdict; malformed, failing and slow answers fall back to the
// rules, visibly, as info findings.
import { describe, expect, it } from "vitest";
import {
  type AiBinding,
  BUNDLED_LEXICON,
  compileLexicon,
  type ScreeningContext,
  screen,
  withSecondOpinion,
} from "../src/domain/screening";
import { POLICY_MODEL, SAFETY_MODEL } from "../src/domain/screening/second-opinion";

const ctx: ScreeningContext = {
  lexicon: compileLexicon(BUNDLED_LEXICON),
  account: { kind: "corporate", purdahBehaviour: "gate" },
  purdah: [],
  people: [],
  officers: [],
  logoApproved: false,
};

type Answer = unknown | (() => Promise<unknown>);
function standIn(guard: Answer, policy: Answer): AiBinding & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async run(model: string) {
      calls.push(model);
      const a = model === SAFETY_MODEL ? guard : model === POLICY_MODEL ? policy : undefined;
      if (typeof a === "function") return (a as () => Promise<unknown>)();
      return a;
    },
  };
}
const SAFE = { response: { safe: true, categories: [] } };
const PASS = { response: '{"verdict":"pass","clauses":[],"reason":""}' };
const ordinary = "Bin collections move to Tuesday after the bank holiday.";
const opinion = async (text: string, ai: AiBinding, timeoutMs?: number) =>
  withSecondOpinion(screen({ text }, ctx), text, ai, { timeoutMs });
const labelled = (r: Awaited<ReturnType<typeof opinion>>) => r.findings.filter((f) => f.rule === "second_opinion");

describe("second opinion from Workers AI", () => {
  it("does nothing without a binding", async () => {
    const rules = screen({ text: ordinary }, ctx);
    expect(await withSecondOpinion(rules, ordinary, undefined)).toBe(rules);
  });

  it("leaves a pass alone when both models agree it is fine", async () => {
    const ai = standIn(SAFE, PASS);
    const r = await opinion(ordinary, ai);
    expect(r.verdict).toBe("pass");
    expect(labelled(r)).toEqual([]);
    expect(ai.calls.sort()).toEqual([POLICY_MODEL, SAFETY_MODEL].sort());
  });

  it("raises pass to review when Llama Guard answers unsafe, as an object or as raw text", async () => {
    for (const guard of [
      { response: { safe: false, categories: ["S10"] } },
      { response: "unsafe\nS10" },
      { response: "unsafe\nS5,S10", usage: { prompt_tokens: 10, completion_tokens: 4, total_tokens: 14 } },
    ]) {
      const r = await opinion(ordinary, standIn(guard, PASS));
      expect(r.verdict).toBe("review");
      const f = labelled(r).find((x) => x.severity === "review")!;
      expect(f.message).toContain("S10 hate");
      expect(f.clause).toContain("second opinion");
    }
    expect((await opinion(ordinary, standIn({ response: "safe" }, PASS))).verdict).toBe("pass");
  });

  it("raises pass to review when the instruction model asks for review, with its clauses and reason", async () => {
    const r = await opinion(
      ordinary,
      standIn(SAFE, {
        response:
          'Here is my assessment:\n{"verdict":"review","clauses":["10.3"],"reason":"It reads as praise for the ruling group."}',
      }),
    );
    expect(r.verdict).toBe("review");
    expect(labelled(r)[0].message).toContain("praise for the ruling group");
    expect(labelled(r)[0].message).toContain("policy 10.3");
  });

  it("never lowers a block or a review", async () => {
    const blocked = await opinion("Vote Labour on Thursday!", standIn(SAFE, PASS));
    expect(blocked.verdict).toBe("block");
    const reviewed = await opinion("Contact jane.doe@gmail.com for a form", standIn(SAFE, PASS));
    expect(reviewed.verdict).toBe("review");
    const stillBlocked = await opinion(
      "Vote Labour on Thursday!",
      standIn({ response: { safe: false, categories: ["S13"] } }, PASS),
    );
    expect(stillBlocked.verdict).toBe("block");
  });

  it("falls back to the rules, visibly, on malformed answers", async () => {
    for (const [guard, policy] of [
      [{ response: "maybe" }, { response: "I cannot help with that." }],
      [{ result: { safe: true } }, { response: '{"verdict":"block"}' }],
      [{ response: { safe: "no" } }, { response: '{"verdict": "review", ' }],
      [null, 42],
    ]) {
      const r = await opinion(ordinary, standIn(guard, policy));
      expect(r.verdict).toBe("pass");
      const fs = labelled(r);
      expect(fs).toHaveLength(2);
      for (const f of fs) {
        expect(f.severity).toBe("info");
        expect(f.message).toMatch(/unavailable .*the rules alone decided/);
      }
    }
  });

  it("falls back to the rules when a model fails or is too slow", async () => {
    const slow = () => new Promise((resolve) => setTimeout(() => resolve({ response: "unsafe\nS10" }), 500));
    const failing = () => Promise.reject(new Error("3040: capacity temporarily exceeded"));
    const r = await opinion(ordinary, standIn(slow, failing), 50);
    expect(r.verdict).toBe("pass");
    const messages = labelled(r).map((f) => f.message);
    expect(messages.some((m) => m.includes("no answer within 50 ms"))).toBe(true);
    expect(messages.some((m) => m.includes("capacity temporarily exceeded"))).toBe(true);
  });
});
