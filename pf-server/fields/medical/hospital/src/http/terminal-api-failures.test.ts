/**
 * The failures around the reception over HTTP: the PF out of reach (before and after the recognition), a
 * recognition that ends while its check waits for a retry, an answer of the PF about someone else, a forged card,
 * an expired certificate, and the warning of a certificate about to expire.
 */
import { createReceptionPfClient } from "@catv/reception-kit";
import { testQualification } from "@catv/reception-kit/testing";
import { afterEach, describe, expect, it } from "vitest";
import {
  errorOf,
  type Harness,
  KOKUHO,
  makeTestCardAnswers,
  recognised,
  recognisePinless,
  startHarness,
} from "../test-support/harness.ts";

const harnesses: Harness[] = [];
afterEach(async () => {
  for (const h of harnesses.splice(0)) await h.close();
});

async function harness(options: Parameters<typeof startHarness>[0] = {}) {
  const h = await startHarness(options);
  harnesses.push(h);
  return h;
}

async function insuredCard(h: Harness, options: { validUntil?: Date } = {}) {
  const card = await makeTestCardAnswers(options);
  h.pf.addPerson({
    card: card.card,
    registrations: [{ verifierId: KOKUHO, linkStatus: "linked" }],
    eligibility: { [KOKUHO]: { validity: "1", qualifications: [testQualification()] } },
  });
  return card;
}

const check = (h: Harness, recognitionId: string) =>
  h.call("eligibilityChecks", { recognitionId, limitApplicationCertificateConsent: false });

describe("the PF out of reach", () => {
  it("answers pf_unreachable to a touch when the PF does not answer", async () => {
    const h = await harness({ pfUrl: "http://127.0.0.1:9" });
    const card = await insuredCard(h);
    const response = await recognisePinless(h, card);
    expect(response.status).toBe(503);
    expect((await errorOf(response)).code).toBe("pf_unreachable");
    expect(await h.deps.store.log.latestFor("rcp-minato-0001")).toMatchObject({
      step: "pinless_start",
      code: "pf_unreachable",
    });
  }, 60_000);

  it("keeps a recognised visit waiting for a retry while the PF is down, and records the answer once it is back", async () => {
    const h = await harness({ retry: { initialMs: 100, maxMs: 200 } });
    const card = await insuredCard(h);
    const { recognitionId } = await recognised(h, card);
    const working = h.deps.pf;
    h.deps.pf = createReceptionPfClient({ pfUrl: "http://127.0.0.1:9" });
    const down = await check(h, recognitionId);
    expect(down.status).toBe(503);
    expect((await errorOf(down)).code).toBe("pf_unreachable");
    expect(await h.deps.store.visits.byRecognition(recognitionId)).toMatchObject({
      state: "retrying",
      lastCode: "pf_unreachable",
    });
    h.deps.pf = working;
    await new Promise((r) => setTimeout(r, 150));
    expect((await h.call("retry", { recognitionId })).status).toBe(201);
    expect((await h.deps.store.visits.byRecognition(recognitionId))?.state).toBe("answered");
  }, 60_000);
});

describe("a recognition that ends while its check waits", () => {
  it("marks the visit expired and lists it for no retry", async () => {
    const h = await harness({ retry: { initialMs: 100, maxMs: 200 }, recognitionLifetimeSeconds: 1 });
    const card = await insuredCard(h);
    const { recognitionId } = await recognised(h, card);
    h.pf.setInsurerAvailable(KOKUHO, false);
    expect((await check(h, recognitionId)).status).toBe(503);
    await new Promise((r) => setTimeout(r, 1_100));
    const due = (await (await h.call("pendingChecks")).json()) as { retries: unknown[] };
    expect(due.retries).toEqual([]);
    expect(await h.deps.store.visits.byRecognition(recognitionId)).toMatchObject({
      state: "expired",
      lastCode: "recognition_expired",
    });
  }, 60_000);
});

describe("an answer of the PF about someone else", () => {
  it("is refused with pf_answer_mismatch and nothing is written", async () => {
    const h = await harness();
    const card = await insuredCard(h);
    const { recognitionId, patientNumber } = await recognised(h, card);
    const real = h.deps.pf;
    h.deps.pf = {
      ...real,
      checkEligibility: async (assertion, body) => ({
        ...(await real.checkEligibility(assertion, body)),
        patientReference: "pr_AAAAAAAAAAAAAAAAAAAAAA",
      }),
    };
    const response = await check(h, recognitionId);
    expect(response.status).toBe(502);
    expect((await errorOf(response)).code).toBe("pf_answer_mismatch");
    const visit = (await h.deps.store.visits.byRecognition(recognitionId))!;
    expect(await h.deps.store.checks.forVisit(visit.id)).toEqual([]);
    expect((await h.deps.store.patients.byNumber(patientNumber))?.name).toBeNull();
  }, 60_000);
});

describe("the card itself", () => {
  it("relays card_genuineness_failed for a card whose 券面 CVC no trusted CA signed (a forged card)", async () => {
    const genuine = await makeTestCardAnswers();
    const h = await harness({ trustedKenkakuCaKeys: [genuine.kenkakuCaPublicKey] });
    const forged = await insuredCard(h);
    const response = await recognisePinless(h, forged);
    expect(response.status).toBe(401);
    expect((await errorOf(response)).code).toBe("card_genuineness_failed");
  }, 60_000);

  it("relays certificate_expired for a card past its validity", async () => {
    const h = await harness();
    const old = await insuredCard(h, { validUntil: new Date(Date.now() - 86_400_000) });
    expect((await errorOf(await recognisePinless(h, old))).code).toBe("certificate_expired");
  }, 60_000);

  it("keeps the PF's warning of a certificate expiring within three months on the visit", async () => {
    const h = await harness();
    const soon = await insuredCard(h, { validUntil: new Date(Date.now() + 40 * 86_400_000) });
    const { recognitionId } = await recognised(h, soon);
    expect((await h.deps.store.visits.byRecognition(recognitionId))?.warnings.map((w) => w.code)).toEqual([
      "card_certificate_expiring",
    ]);
  }, 60_000);
});
