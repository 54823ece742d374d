// The council's own published contacts, kept in the council settings, are not personal data (8.3);
// anyone else's number or address still goes to review.
import { beforeAll, describe, expect, it } from "vitest";
import { call, userWith } from "./helpers";

let officer: Awaited<ReturnType<typeof userWith>>;
let ds: Awaited<ReturnType<typeof userWith>>;
beforeAll(async () => {
  officer = await userWith(["comms_officer"]);
  ds = await userWith(["democratic_services"]);
});

const dryRun = async (text: string) =>
  (await call("POST", "/v1/screenings", { token: officer.token, body: { text } })).json as {
    verdict: string;
    findings: { rule: string; excerpt: string }[];
  };

describe("the council's published contacts", () => {
  it("are recorded in the council settings and screened as the council's own", async () => {
    const text = "Call us on 0300 123 4567 or e-mail enquiries@demo-council.gov.uk.";
    expect((await dryRun(text)).findings.map((f) => f.rule)).toContain("personal_data");
    const current = (await call("GET", "/v1/council", { token: ds.token })).json;
    const { updatedAt: _u, ...settings } = current;
    const put = await call("PUT", "/v1/council", {
      token: ds.token,
      body: {
        ...settings,
        publishedContacts: { phones: ["0300 123 4567"], emails: ["@demo-council.gov.uk"], addresses: [] },
      },
    });
    expect(put.status, put.text).toBe(200);
    expect(put.json.publishedContacts.emails).toEqual(["@demo-council.gov.uk"]);
    const after = await dryRun(text);
    expect(after.verdict).toBe("pass");
    const other = await dryRun("Call Dave on 07700 900123 or e-mail dave.smith@gmail.com.");
    expect(other.findings.filter((f) => f.rule === "personal_data").map((f) => f.excerpt)).toEqual([
      "07700 900123",
      "dave.smith@gmail.com",
    ]);
  });
});
