import { describe, expect, it } from "vitest";
import lexiconFile from "../../calendars/lexicons.json";
import {
  compileLexicon,
  screen,
  type Lexicon,
  type ScreeningContext,
  type ScreeningInput,
} from "../../src/domain/screening";
import { validNhsNumber } from "../../src/domain/screening/personal-data";
import type { PurdahWindow } from "../../src/domain/purdah";

const lexicon = compileLexicon({ ...(lexiconFile as Lexicon), thirdParties: ["Veolia", "Acme Highways Ltd"] });
const window: PurdahWindow = {
  electionId: "local.demo.2027-05-06",
  title: "Demo council elections",
  kind: "local",
  pollDate: "2027-05-06",
  areaIds: ["demo"],
  start: "2027-03-30T23:00:00.000Z",
  end: "2027-05-06T21:00:00.000Z",
  startDate: "2027-03-31",
  startBasis: "latest_legal_notice",
  endBasis: "close_of_poll",
  source: "Code 2011",
};
const people = [
  {
    name: "Cllr Amina Patel",
    role: "councillor" as const,
    handles: ["@CllrAminaPatel"],
    urls: ["https://x.com/CllrAminaPatel"],
  },
  { name: "Daniel Morgan", role: "candidate" as const, handles: [], urls: ["https://morgan4riverside.example"] },
];
const ctx = (over: Partial<ScreeningContext> = {}): ScreeningContext => ({
  lexicon,
  account: { kind: "corporate", purdahBehaviour: "gate" },
  purdah: [],
  people,
  officers: ["Janet Officer"],
  logoApproved: false,
  ...over,
});
const run = (text: string, over: Partial<ScreeningContext> = {}, input: Partial<ScreeningInput> = {}) =>
  screen({ text, ...input }, ctx(over));
const rules = (text: string, over: Partial<ScreeningContext> = {}, input: Partial<ScreeningInput> = {}) =>
  run(text, over, input)
    .findings.filter((f) => f.severity !== "info")
    .map((f) => f.rule);

describe("party-political content (10.3; LGA 1986 s.2) — blocked at any time", () => {
  it.each([
    "Vote Labour on Thursday!",
    "V.O.T.E for L a b o u r",
    "Proud of what the Conservatives have done for our town",
    "The Tories have failed Riverside",
    "Get out and vote for the Lib Dems",
    "#VoteLabour #ToriesOut",
    "#votegreen this May",
    "Residents backed Reform in huge numbers",
    "Labour's plan for the high street is working",
    "Thanks to the Green Party for the new park",
    "Vоte Lаbour",
    "Vo\u200Bte Lab\u200Bour",
    "Vote 🌹 Labour",
    "LAB0UR delivers for you",
    "Ｖｏｔｅ Ｌａｂｏｕｒ",
    "Read our manifesto pledge on housing",
    "Our councillors say get Brexit done",
  ])("%s", (text) => {
    const r = run(text);
    expect(r.verdict, JSON.stringify(r.findings)).toBe("block");
    expect(r.findings.some((f) => f.rule === "party_political" && f.clause.includes("10.3"))).toBe(true);
  });

  it("points at the words that matched", () => {
    const f = run("Great news — vote Labour on 6 May").findings.find((x) => x.rule === "party_political")!;
    expect(f.excerpt).toBe("vote Labour");
    expect(f.start).toBe("Great news — ".length);
    expect(f.overridable).toBe(false);
  });

  it("points at the whole of a vote call of several words", () => {
    const f = run("Put your cross next to Labour on 7 May").findings.find((x) => x.rule === "party_political")!;
    expect(f.excerpt).toBe("Put your cross next to Labour");
    expect(f.message).toContain('("Put your cross")');
  });

  it("reads a name of ordinary words as the party only with its capitals, and a name shared with charities only beside a political word", () => {
    const party = {
      name: "Forward Together",
      aliases: ["Forward Together"],
      ambiguous: ["Onward"],
      capitalisedOnly: ["Forward Together"],
      ambiguousNeedsCue: true,
      hashtags: [],
      handles: [],
    };
    const own = compileLexicon({ ...(lexiconFile as Lexicon), parties: [party] });
    const verdict = (text: string) => run(text, { lexicon: own }).verdict;
    expect(verdict("Vote Forward Together on Thursday")).toBe("block");
    expect(verdict("vote forward together on thursday")).toBe("block");
    expect(verdict("We move forward together on the new library")).toBe("pass");
    expect(verdict("Vote Onward on Thursday")).toBe("block");
    expect(verdict("Onward councillors are the only ones who deliver")).toBe("block");
    expect(verdict("Thanks to Onward, the youth charity, for the summer scheme")).toBe("pass");
  });

  it("sends a party named without support or attack to review, and leaves a statutory notice alone", () => {
    const neutral = run("Scottish National Party announce plans");
    expect(neutral.verdict).toBe("review");
    expect(neutral.findings[0]).toMatchObject({ rule: "party_political", excerpt: "Scottish National Party" });
    expect(run("Declaration of result: Jo Smith (Labour Party) 1,234 votes, elected").verdict).toBe("pass");
  });
});

describe("no crying wolf on ordinary council English", () => {
  it.each([
    "Labour market figures for the district are out today",
    "The latest labour market statistics show more jobs",
    "Enjoy our green spaces this weekend",
    "Green waste collections resume on Monday",
    "That is a conservative estimate of the cost",
    "Consultation on the reform of bin collections closes soon",
    "The liberal use of grit kept roads open overnight",
    "Scunthorpe and Penistone libraries open late on Thursday",
    "Our assessment of the Middlesex Street site is complete",
    "Green Lane will be closed for resurfacing",
    "The council's labour costs rose by 3%",
    "We support green businesses in the town centre",
    "Parties in the park this summer — free entry",
    "Reform of adult social care: what it means for you",
    "Votes for our best-kept garden competition close Friday",
  ])("%s", (text) => {
    const r = run(text);
    expect(
      r.findings.filter((f) => f.rule === "party_political" || f.rule === "abusive"),
      JSON.stringify(r.findings),
    ).toEqual([]);
  });
});

describe("personal campaigns and commerce (10.4)", () => {
  it.each([
    "Sign my petition to save the bandstand",
    "Use code SAVE10 for 10% off at my shop",
    "Please donate to my GoFundMe",
  ])("%s", (text) => {
    expect(rules(text)).toContain("personal_campaign");
  });
  it("leaves council business alone", () => {
    expect(rules("Our business rates relief scheme is open to applications")).not.toContain("personal_campaign");
  });
});

describe("abuse, confidentiality and personal data", () => {
  it("blocks abusive and discriminatory language, on word boundaries only", () => {
    expect(run("The people complaining are idiots").verdict).toBe("block");
    expect(rules("They should go back to your own country")).toContain("abusive");
    expect(rules("Visit Scunthorpe and Essex this summer")).not.toContain("abusive");
  });
  it("sends an insult said of a thing to review, and still blocks one said of a person", () => {
    for (const text of ["Potholes are the scum of the earth. We're filling 200 this week.", "My dog is an idiot."]) {
      const r = run(text);
      expect(r.verdict, text).toBe("review");
      expect(r.findings.find((f) => f.rule === "abusive")?.clause, text).toContain("10.1");
    }
    for (const text of [
      "The people complaining are idiots",
      "Fly-tippers are scum",
      "Whoever parked here is a moron",
      "The contractor is a bunch of clowns",
      "Scumbags.",
    ])
      expect(run(text).verdict, text).toBe("block");
  });
  it("sends swearing that is not aimed at anyone to review, and blocks swearing at someone", () => {
    for (const text of [
      "Fucking brilliant turnout at the Diwali lights switch-on tonight!",
      "The pothole on Station Road is a fucking nightmare, please fix it.",
    ])
      expect(run(text).verdict, text).toBe("review");
    for (const text of ["You fucking idiot", "Shut up, you shit"]) expect(run(text).verdict, text).toBe("block");
  });
  it("reads a misspelt predicate only next to a group", () => {
    expect(run("Immigrants are vremin.").verdict).toBe("block");
    expect(run("Vremin is a word we made up for the quiz.").verdict).toBe("pass");
  });
  it("reads a masked word as the word it hides, pointing at what was written", () => {
    const r = run("Honestly, women are sc*m.");
    expect(r.verdict).toBe("block");
    const f = r.findings.find((x) => x.rule === "abusive")!;
    expect(f.excerpt).toBe("women are sc*m");
    // hyphens and dots in ordinary words join to nothing the lexicon knows
    expect(run("The co-op drop-in on Mill Lane, e.g. for advice, is open.").verdict).toBe("pass");
  });
  it("blocks confidential material (8.1, 8.5)", () => {
    for (const text of [
      "Highlights from the exempt report on the depot",
      "What was said in the Part 2 session",
      "From today's Member Briefing: the budget gap",
      "NOT FOR PUBLICATION: draft figures",
    ]) {
      expect(rules(text), text).toContain("confidential");
    }
    expect(rules("Call our confidential helpline if you need support")).not.toContain("confidential");
  });
  it("sends personal data to review (8.3)", () => {
    expect(run("Contact jane.doe@gmail.com for details").verdict).toBe("review");
    expect(rules("Ring 07700 900123 today")).toContain("personal_data");
    expect(rules("His NI number is AB 12 34 56 C")).toContain("personal_data");
    expect(rules("NHS number 943 476 5919")).toContain("personal_data");
    expect(rules("NHS number 943 476 5918")).not.toContain("personal_data");
    expect(rules("Mrs Smith, date of birth 12/03/1950, won the raffle")).toContain("personal_data");
    expect(rules("We collected 1,250,000 tonnes in 2025")).not.toContain("personal_data");
    expect(validNhsNumber("9434765919")).toBe(true);
  });
  it("sends named partners, suppliers and officers without consent to review (8.2)", () => {
    expect(rules("Thanks to Veolia for the extra collections")).toContain("named_third_party");
    expect(rules("Thanks to Veolia for the extra collections", {}, { consents: ["Veolia"] })).not.toContain(
      "named_third_party",
    );
    expect(rules("Janet Officer will lead the drop-in")).toContain("named_third_party");
  });
});

describe("media: copyright (8.6) and the logo (5.3)", () => {
  it("blocks media without a rights declaration and reviews third-party media without attribution", () => {
    expect(run("Photo of the park", {}, { media: [{ description: "park.jpg" }] }).verdict).toBe("block");
    expect(run("Photo of the park", {}, { media: [{ rights: "third_party_with_permission" }] }).verdict).toBe("review");
    expect(run("Photo of the park", {}, { media: [{ rights: "council_owned" }] }).verdict).toBe("pass");
  });
  it("blocks the council logo outside corporate accounts unless a logo request is approved", () => {
    const councillorAccount = { account: { kind: "councillor" as const, purdahBehaviour: "gate" as const } };
    expect(
      rules("Ward news", councillorAccount, { media: [{ rights: "council_owned", containsCouncilLogo: true }] }),
    ).toContain("logo");
    expect(
      rules(
        "Ward news",
        { ...councillorAccount, logoApproved: true },
        { media: [{ rights: "council_owned", containsCouncilLogo: true }] },
      ),
    ).not.toContain("logo");
    expect(
      rules("Council news", {}, { media: [{ rights: "council_owned", containsCouncilLogo: true }] }),
    ).not.toContain("logo");
  });
});

describe("the pre-election period", () => {
  const inPurdah = { purdah: [window] };
  it("knows a councillor or candidate by a short or full form of the given name (calendars/screening/given-names.json)", () => {
    for (const text of ["Thanks to Dan Morgan for lending a hand.", "Danny Morgan helped at the litter pick."])
      expect(run(text, inPurdah).verdict, text).toBe("block");
    const tom = [{ name: "Cllr Tom Hughes", role: "councillor" as const, handles: [], urls: [] }];
    expect(run("Thomas Hughes opened the new play area.", { ...inPurdah, people: tom }).verdict).toBe("block");
    // another person who shares only the given name, or the same words outside the period
    expect(rules("Dan Smith from the parks team will lead the walk.", inPurdah)).not.toContain("pre_election_period");
    expect(rules("Thanks to Dan Morgan for lending a hand.")).not.toContain("pre_election_period");
  });
  it("notes, not stops, a statutory election notice that names councillors or candidates, unless it urges a vote", () => {
    for (const text of [
      "Notice of election: election of one councillor for Hillside ward following the resignation of Cllr Brian Hughes.",
      "Statement of persons nominated for Hillside ward: Daniel Morgan (Independent), Jo Smith (Green Party).",
      "Notice of poll: Hillside ward. You may vote for no more than one candidate.",
    ]) {
      const r = run(text, inPurdah);
      expect(
        r.findings.filter((f) => f.rule === "pre_election_period").every((f) => f.severity === "info"),
        text,
      ).toBe(true);
    }
    expect(run("Notice of election? Forget it, just vote for Cllr Patel!", inPurdah).verdict).toBe("block");
    expect(run("Cllr Patel welcomed the turnout at the library.", inPurdah).verdict).toBe("block");
  });
  it("blocks councillors' and candidates' accounts it does not know, by handle or profile address, and a candidate by title", () => {
    for (const text of [
      "More from our housing lead at twitter.com/CllrAminaPatel.",
      "@CllrJaneDoe joined the tree-planting today.",
      "Mr Morgan, who is standing in Hillside ward, spoke at our business breakfast.",
    ])
      expect(run(text, inPurdah).verdict, text).toBe("block");
    for (const text of [
      "Follow @OakfieldCouncil for updates on bin collections.",
      "Find us at x.com/OakfieldCouncil and facebook.com/OakfieldCouncil.",
    ])
      expect(run(text, inPurdah).verdict, text).toBe("pass");
  });
  it("does nothing outside a window", () => {
    expect(run("Cllr Patel opened the new library", {}).verdict).toBe("pass");
  });
  it("blocks naming or promoting councillors and candidates, and linking to their accounts (9.2), overridable only as purdah", () => {
    for (const text of [
      "Cllr Patel opened the new library",
      "Amina Patel opened the new library",
      "Follow @CllrAminaPatel for updates",
      "Daniel Morgan visited the depot",
    ]) {
      const r = run(text, inPurdah);
      expect(r.verdict, text).toBe("block");
      expect(r.findings.every((f) => f.rule !== "pre_election_period" || f.overridable)).toBe(true);
    }
    expect(run("Library opening", inPurdah, { links: ["https://x.com/CllrAminaPatel/status/1"] }).verdict).toBe(
      "block",
    );
    expect(
      run("Library opening", inPurdah, { media: [{ rights: "council_owned", people: ["Amina Patel"] }] }).verdict,
    ).toBe("block");
  });
  it("reviews controversial issues and blocks unplanned campaigns; a campaign planned before the election was called passes", () => {
    expect(run("Update on the library closure programme", inPurdah).verdict).toBe("review");
    expect(run("Have your say in our new consultation", inPurdah).verdict).toBe("block");
    expect(run("Have your say in our new consultation", inPurdah, { campaignPlannedOn: "2027-01-10" }).verdict).toBe(
      "pass",
    );
  });
  it("a paused account posts only essential information, which goes to review with its reason; a closed account posts nothing", () => {
    const paused = { ...inPurdah, account: { kind: "corporate" as const, purdahBehaviour: "pause" as const } };
    expect(run("Summer reading challenge starts", paused).verdict).toBe("block");
    const essential = run("Flooding: Riverside Road closed", paused, {
      essential: { reason: "Road closure for public safety" },
    });
    expect(essential.verdict).toBe("review");
    expect(essential.findings.some((f) => f.severity === "info" && f.message.includes("public safety"))).toBe(true);
    expect(
      run(
        "Anything",
        { ...inPurdah, account: { kind: "corporate", purdahBehaviour: "close" } },
        { essential: { reason: "x" } },
      ).verdict,
    ).toBe("block");
  });
  it("essential information still may not name candidates", () => {
    expect(run("Flood update from Cllr Patel", inPurdah, { essential: { reason: "Flood warning" } }).verdict).toBe(
      "block",
    );
  });
});

describe("the result", () => {
  it("is pass for ordinary posts and carries the lexicon version", () => {
    const r = run("Bin collections move to Tuesday after the bank holiday. Check your day: https://demo.gov.uk/bins");
    expect(r).toMatchObject({ verdict: "pass", findings: [], lexiconVersion: lexiconFile.version });
  });
});
