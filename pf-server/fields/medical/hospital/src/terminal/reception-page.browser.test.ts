/**
 * The reception terminal page in Chromium, with emulated My Number cards on the virtual reader of the reception
 * terminal's own firmware bridge (the second bridge instance, run as its own process), the hospital's server, and the
 * reception PF double: each outcome a patient can meet, what the terminal shows, and what the desk screen then shows
 * staff. Every step leaves a screenshot at the terminal's size (1280×800) and of the desk screen in
 * `test-results/medical-hospital/`; with HOSPITAL_DOCS_SCREENSHOTS=1 also in `docs/screenshots/hospital/`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { testQualification } from "@catv/reception-kit/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { KENPO, KOKUHO } from "../test-support/harness.ts";
import { type ReceptionStage, startReceptionStage } from "../test-support/reception-stage.ts";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "..", "..", "..", "..");
const resultsDir = join(repoRoot, "test-results", "medical-hospital");
/** The README's pictures are refreshed only when asked, so an ordinary run leaves the committed ones alone. */
const docsDir =
  process.env.HOSPITAL_DOCS_SCREENSHOTS === "1"
    ? join(repoRoot, "docs", "screenshots", "hospital")
    : undefined;
for (const dir of [resultsDir, docsDir]) if (dir) mkdirSync(dir, { recursive: true });

let stage: ReceptionStage;

async function shoot(name: string, which: "terminal" | "desk" = "terminal") {
  const page = which === "terminal" ? stage.terminal : stage.desk;
  // Fonts and the screen swap settle within a frame or two.
  await page.waitForTimeout(150);
  const image = await page.screenshot();
  for (const dir of [resultsDir, docsDir]) if (dir) writeFileSync(join(dir, `${name}.png`), image);
}

async function refreshDesk() {
  await stage.desk.reload();
  await stage.desk.waitForSelector("#desk-live");
}

const insured = (overrides: Parameters<typeof testQualification>[0] = {}) => ({
  registrations: [{ verifierId: KOKUHO, linkStatus: "linked" as const }],
  eligibility: { [KOKUHO]: { validity: "1" as const, qualifications: [testQualification(overrides)] } },
});

beforeAll(async () => {
  stage = await startReceptionStage();
  await stage.terminal.goto(`${stage.hospitalUrl}/reception`);
  await stage.waitForScreen("idle");
  await stage.openDesk();
}, 180_000);

afterAll(async () => {
  await stage?.close();
});

describe("the reception terminal in Chromium, through the reception bridge", () => {
  it("checks a patient in without a PIN: card → consent → done, and the desk shows 有効, 3割 and the 限度額区分", async () => {
    await shoot("01-idle");
    const card = await stage.issueCard(
      "港 太郎",
      insured({
        name: "港 太郎",
        nameKana: "ミナト タロウ",
        birthDate: "1958-04-01",
        limitApplicationCertificate: {
          classification: "01",
          classificationFlag: "A03",
          validFrom: "2026-04-01",
        },
      }),
      { birthDate: "1958-04-01" },
    );
    await stage.insertCard(card);
    await stage.waitForScreen("consent");
    await shoot("02-consent");
    await stage.terminal.keyboard.press("1");
    await stage.waitForScreen("done", "valid");
    const patientNumber = await stage.terminal.getAttribute("[data-patient-number]", "data-patient-number");
    expect(patientNumber).toMatch(/^[0-9]{7}-[0-9]$/);
    await shoot("03-done-valid");
    await refreshDesk();
    const panel = stage.desk.locator('[data-terminal="rcp-minato-0001"]');
    await expect.poll(() => panel.textContent()).toContain("有効");
    expect(await panel.textContent()).toContain("3割");
    expect(await panel.textContent()).toContain("区分ウ（A03）");
    expect(await panel.textContent()).toContain(patientNumber);
    await shoot("desk-01-valid", "desk");
    await stage.removeCard();
    await stage.waitForScreen("idle");
  }, 120_000);

  it("asks for the PIN when the card is not bound for PIN-less use, and locks after wrong tries are shown", async () => {
    const card = await stage.issueCard("更新 済子", { ...insured(), bound: false });
    await stage.insertCard(card);
    await stage.waitForScreen("pin");
    await shoot("04-pin-pad");
    for (const digit of "9999") await stage.terminal.keyboard.press(digit);
    await stage.terminal.keyboard.press("Enter");
    await stage.terminal.waitForSelector('[data-screen="pin"] [data-tries-left="2"]');
    await shoot("05-pin-wrong");
    for (const digit of "1234") await stage.terminal.click(`[data-action="digit"][data-value="${digit}"]`);
    await stage.terminal.click('[data-action="pin-submit"]');
    await stage.waitForScreen("consent");
    await stage.terminal.click('[data-action="consent-no"]');
    await stage.waitForScreen("done", "valid");
    await stage.removeCard();
    await stage.waitForScreen("idle");
  }, 120_000);

  it("offers registration for a card registered nowhere, and registers it with the signature password", async () => {
    const card = await stage.issueCard("新規 登録", {});
    await stage.insertCard(card);
    await stage.waitForScreen("not_registered");
    await shoot("06-not-registered");
    await refreshDesk();
    await shoot("desk-02-not-registered", "desk");
    await stage.terminal.click('[data-action="register"]');
    await stage.waitForScreen("register_insurer");
    await shoot("07-register-insurer");
    await stage.terminal.click(`[data-verifier-id="${KENPO}"]`);
    await stage.waitForScreen("register_consent");
    await shoot("08-register-consent");
    await stage.terminal.click('[data-action="accept-registration"]');
    await stage.waitForScreen("register_password");
    await stage.terminal.keyboard.type("abc123");
    await shoot("09-register-password");
    await stage.terminal.keyboard.press("Enter");
    await stage.waitForScreen("registered");
    await shoot("10-registered-pending");
    expect(card.person).toBeDefined();
    expect(stage.pf.person(card.image.jpki.authCertificate)?.registrationAt(KENPO)).toBe("pending");
    await stage.removeCard();
    await stage.waitForScreen("idle");
  }, 120_000);

  it("tells a registered patient whose insurer has not linked them to see staff", async () => {
    const card = await stage.issueCard("紐づけ 待子", {
      registrations: [{ verifierId: KENPO, linkStatus: "pending" }],
    });
    await stage.insertCard(card);
    await stage.waitForScreen("consent");
    await stage.terminal.keyboard.press("2");
    await stage.waitForScreen("problem", "account_not_linked");
    await shoot("11-not-linked");
    await refreshDesk();
    await shoot("desk-03-not-linked", "desk");
    await stage.removeCard();
    await stage.waitForScreen("idle");
  }, 120_000);

  it("shows 資格喪失, 新しい資格あり and 複数該当 to the patient and to staff", async () => {
    const cases = [
      {
        label: "喪失 花子",
        validity: "2" as const,
        outcome: "invalid",
        qualifications: [
          testQualification({
            name: "喪失 花子",
            nameKana: "ソウシツ ハナコ",
            sex: "2",
            disqualificationDate: "2026-03-31",
            reasonOfLoss: "02",
          }),
        ],
      },
      {
        label: "転職 次郎",
        validity: "3" as const,
        outcome: "invalid_new_qualification",
        qualifications: [
          testQualification({
            name: "転職 次郎",
            nameKana: "テンショク ジロウ",
            disqualificationDate: "2026-09-30",
            reasonOfLoss: "03",
          }),
        ],
      },
      {
        label: "二重 一郎",
        validity: "5" as const,
        outcome: "multiple",
        qualifications: [
          testQualification({
            name: "二重 一郎",
            nameKana: "ニジュウ イチロウ",
            insuredIdentificationNumber: "1000001",
          }),
          testQualification({
            name: "二重 一郎",
            nameKana: "ニジュウ イチロウ",
            insuredIdentificationNumber: "1000002",
            insuredBranchNumber: "02",
          }),
        ],
      },
    ];
    let n = 12;
    for (const c of cases) {
      const card = await stage.issueCard(c.label, {
        registrations: [{ verifierId: KOKUHO, linkStatus: "linked" }],
        eligibility: { [KOKUHO]: { validity: c.validity, qualifications: c.qualifications } },
      });
      await stage.insertCard(card);
      await stage.waitForScreen("consent");
      await stage.terminal.keyboard.press("2");
      await stage.waitForScreen("done", c.outcome);
      const step = n++;
      await shoot(`${step}-done-${c.outcome}`);
      await refreshDesk();
      await expect
        .poll(() =>
          stage.desk.getAttribute('[data-terminal="rcp-minato-0001"] [data-validity]', "data-validity"),
        )
        .toBe(c.validity);
      await shoot(`desk-${step}-${c.outcome}`, "desk");
      await stage.removeCard();
      await stage.waitForScreen("idle");
    }
  }, 180_000);

  it("refuses a revoked card, an expired card and a forged card, each with its own message", async () => {
    const revoked = await stage.issueCard("紛失 届出", insured());
    revoked.person?.revoke();
    const expired = await stage.issueCard("期限 切子", insured(), {
      certificatesValidUntil: new Date(Date.now() - 86_400_000),
    });
    const forged = await stage.issueCard("偽造 カード", insured(), { forged: true });
    for (const [card, code, name] of [
      [revoked, "certificate_revoked", "15-revoked"],
      [expired, "certificate_expired", "16-expired"],
      [forged, "card_genuineness_failed", "17-forged"],
    ] as const) {
      await stage.insertCard(card);
      await stage.waitForScreen("problem", code);
      await shoot(name);
      if (code === "card_genuineness_failed") {
        await refreshDesk();
        await shoot("desk-forged", "desk");
      }
      await stage.removeCard();
      await stage.waitForScreen("idle");
    }
  }, 180_000);

  it("warns staff when the card's certificate expires within three months", async () => {
    const card = await stage.issueCard("更新 近子", insured({ name: "更新 近子" }), {
      certificatesValidUntil: new Date(Date.now() + 45 * 86_400_000),
    });
    await stage.insertCard(card);
    await stage.waitForScreen("consent");
    await stage.terminal.keyboard.press("2");
    await stage.waitForScreen("done", "valid");
    await refreshDesk();
    expect(
      await stage.desk
        .locator('[data-terminal="rcp-minato-0001"] [data-warning]')
        .first()
        .getAttribute("data-warning"),
    ).toBe("card_certificate_expiring");
    await shoot("desk-expiring-warning", "desk");
    await stage.removeCard();
    await stage.waitForScreen("idle");
  }, 120_000);

  it("asks to place the card again when it is pulled mid-read, and goes on when it is back", async () => {
    const card = await stage.issueCard("途中 抜子", insured());
    await stage.pullCardDuringNextCommand();
    await stage.insertCard(card);
    await stage.waitForScreen("problem", "card_removed");
    await shoot("18-card-pulled");
    await stage.insertCard(card);
    await stage.waitForScreen("consent");
    await stage.terminal.keyboard.press("2");
    await stage.waitForScreen("done", "valid");
    await stage.removeCard();
    await stage.waitForScreen("idle");
  }, 120_000);

  it("says the reader is unplugged, tells the desk, and is ready again when it is back", async () => {
    await stage.unplugReader();
    await stage.waitForScreen("no_reader", "reader_unplugged");
    await shoot("19-reader-unplugged");
    await refreshDesk();
    await expect.poll(() => stage.desk.locator('[data-reader="reader_unplugged"]').count()).toBe(1);
    await shoot("desk-reader-unplugged", "desk");
    await stage.replugReader();
    await stage.waitForScreen("idle");
  }, 120_000);

  it("falls back when the insurer is down and retries with the same recognition until it answers", async () => {
    const card = await stage.issueCard("停止 時子", insured({ name: "停止 時子" }));
    stage.pf.setInsurerAvailable(KOKUHO, false);
    await stage.insertCard(card);
    await stage.waitForScreen("consent");
    await stage.terminal.keyboard.press("2");
    await stage.waitForScreen("problem", "insurer_unavailable");
    await shoot("20-insurer-down");
    await refreshDesk();
    await shoot("desk-insurer-down", "desk");
    await stage.removeCard();
    await stage.waitForScreen("idle");
    stage.pf.setInsurerAvailable(KOKUHO, true);
    // The terminal's background loop retries; the desk's live panel shows the answer without a reload.
    await stage.desk.waitForSelector(
      '[data-terminal="rcp-minato-0001"] [data-visit-state="answered"][data-validity="1"]',
      {
        timeout: 30_000,
      },
    );
    await shoot("desk-insurer-recovered", "desk");
  }, 120_000);

  it("says the check is not available when the PF is down", async () => {
    const card = await stage.issueCard("基盤 停止", insured());
    stage.setPfDown(true);
    try {
      await stage.insertCard(card);
      await stage.waitForScreen("problem", "pf_unreachable");
      await shoot("21-pf-down");
    } finally {
      stage.setPfDown(false);
    }
    await stage.removeCard();
    await stage.waitForScreen("idle");
  }, 120_000);

  it("refuses a terminal this hospital does not know (another hospital's) before anything reaches the PF", async () => {
    const card = await stage.issueCard("他院 端末", insured());
    stage.setTerminalKnown(false);
    const before = stage.pf.calls.length;
    try {
      await stage.insertCard(card);
      await stage.waitForScreen("problem", "terminal_unknown");
      await shoot("22-terminal-of-another-hospital");
      expect(stage.pf.calls.length).toBe(before);
    } finally {
      stage.setTerminalKnown(true);
    }
    await stage.removeCard();
    await stage.waitForScreen("idle");
  }, 120_000);

  it("lists the patient's visits in 顧客管理", async () => {
    await stage.desk.goto(`${stage.hospitalUrl}/records`);
    await stage.desk.waitForSelector("[data-patient]");
    await shoot("records-01-list", "desk");
    await stage.desk.fill('input[name="q"]', "ミナト");
    await stage.desk.click("form.search button");
    await stage.desk.click("[data-patient] a");
    await stage.desk.waitForSelector("[data-visit]");
    expect(await stage.desk.textContent("h1")).toContain("診察券番号");
    await shoot("records-02-record", "desk");
  }, 120_000);
});
