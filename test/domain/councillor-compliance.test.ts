import { describe, expect, it } from "vitest";
import { checkCouncillorAccount, type ComplianceInput } from "../../src/domain/councillor-compliance";

const base: ComplianceInput = {
  councillorName: "Cllr Amina Patel",
  platform: "x",
  kind: "page",
  handle: "@AminaPatelRiverside",
  displayName: "Amina Patel",
  bio: "",
  usesLogo: false,
  logoApproved: false,
  securityExemption: false,
};
const statusOf = (bio: string, extra: Partial<ComplianceInput> = {}) =>
  Object.fromEntries(checkCouncillorAccount({ ...base, bio, ...extra }).findings.map((f) => [f.rule, f.status]));

describe("councillor account compliance", () => {
  it.each([
    "Cllr for Riverside ward. Views my own.",
    "Councillor for Riverside Ward | Labour | personal views",
    "Borough Councillor. RTs ≠ endorsements. Views are my own and not those of Demo Borough Council.",
    "Riverside ward councillor 🏡 Views expressed are mine",
    "ｃｌｌｒ — opinions my own",
    "Elected member for Riverside. Does not represent the views of the council.",
    "Cllr. Retweets are not endorsements.",
  ])("accepts real-world wordings: %s", (bio) => {
    const r = checkCouncillorAccount({ ...base, bio });
    expect(r.findings.filter((f) => f.status === "fail")).toEqual([]);
    expect(r.compliant).toBe(true);
  });

  it("fails a bio that does not identify the councillor (6.1), and does not demand 5.2 of it", () => {
    expect(statusOf("Dog lover. Runner. Views my own.")).toMatchObject({
      identifies_as_councillor: "fail",
      views_own: "not_applicable",
    });
  });

  it("fails a councillor's bio without the views-my-own statement (5.2)", () => {
    const r = checkCouncillorAccount({ ...base, bio: "Councillor for Castle ward. Proud to serve." });
    expect(r.compliant).toBe(false);
    expect(r.findings.find((f) => f.rule === "views_own")).toMatchObject({ status: "fail", clause: "policy 5.2" });
  });

  it("is not fooled by zero-width characters inside the words", () => {
    expect(statusOf("Coun\u200Bcillor for Castle. Views my\u200D own.")).toMatchObject({
      identifies_as_councillor: "pass",
      views_own: "pass",
    });
  });

  it("fails an anonymous or pseudonymous account (6.1)", () => {
    expect(statusOf("Cllr. Views my own.", { displayName: "Riverside Watcher", handle: "@riverwatch" })).toMatchObject({
      not_anonymous: "fail",
    });
  });

  it("fails logo use without an approved request (5.3) and passes it with one", () => {
    expect(statusOf("Cllr. Views my own.", { usesLogo: true })).toMatchObject({ logo_use: "fail" });
    expect(statusOf("Cllr. Views my own.", { usesLogo: true, logoApproved: true })).toMatchObject({ logo_use: "pass" });
  });

  it("a security exemption waives identification and naming (5.5)", () => {
    const r = checkCouncillorAccount({
      ...base,
      bio: "Local news and views.",
      displayName: "Riverside News",
      handle: "@rivernews",
      securityExemption: true,
    });
    expect(r.compliant).toBe(true);
    expect(
      r.findings
        .filter((f) => f.status === "waived")
        .map((f) => f.rule)
        .sort(),
    ).toEqual(["identifies_as_councillor", "not_anonymous"]);
  });

  it("advises a Facebook Page over a personal profile (4.1)", () => {
    expect(statusOf("Cllr. Views my own.", { platform: "facebook", kind: "personal_profile" })).toMatchObject({
      account_kind: "advice",
    });
  });
});
