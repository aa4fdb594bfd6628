import { describe, expect, it } from "vitest";
import { base64ToBytes } from "../card/base64.ts";
import { FakeCardPort } from "../card/fake-card-port.ts";
import { PfClient } from "../pf/pf-client.ts";
import { logInPinless, logInWithPin, stepUpSession } from "./log-in-viewer.ts";
import { registerViewer } from "./register-viewer.ts";

const toBeSigned = btoa("CATV-PF\nlogin\nop\nterm\nch-1\nnonce");
const tokens = { accessToken: "a", refreshToken: "r", expiresIn: 900, cableId: "AB12-CD34-EF56-GH78" };

function fakePf() {
  const bodies: Record<string, unknown> = {};
  const fetch = (async (url: string, init: RequestInit) => {
    const path = new URL(url).pathname;
    bodies[path] = init.body ? JSON.parse(String(init.body)) : null;
    const reply = (body: unknown) => new Response(JSON.stringify(body), { status: 200 });
    if (path === "/v1/challenges")
      return reply({ challengeId: "ch-1", nonce: "n", toBeSigned, expiresAt: "" });
    if (path === "/v1/registrations")
      return reply({ cableId: tokens.cableId, outcome: "new", householdLink: "pending" });
    if (path === "/v1/pinless/start")
      return reply({
        challengeId: "ch-2",
        challenge: btoa("x".repeat(32)),
        birthDateKey: "620315",
        expiresAt: "",
      });
    if (path === "/v1/pinless/sessions") return reply({ ...tokens, acr: "urn:catv:acr:pinless" });
    return reply({ ...tokens, acr: "urn:catv:acr:pin" });
  }) as unknown as typeof globalThis.fetch;
  return { pf: new PfClient({ baseUrl: "http://pf", assert: async () => "jws", fetch }), bodies };
}

describe("flows", () => {
  it("registers with the signature key over the PF's registration challenge and records the consent", async () => {
    const card = new FakeCardPort();
    const { pf, bodies } = fakePf();
    const result = await registerViewer(
      { card, pf },
      { password: "ABC123", consentAcceptedAt: new Date("2026-11-24T00:00:00Z") },
    );
    expect(result.outcome).toBe("new");
    expect(card.signed[0]).toEqual(base64ToBytes(toBeSigned));
    expect(bodies["/v1/registrations"]).toMatchObject({
      challengeId: "ch-1",
      cardKeyProof: { cardVerifiableCertificate: "fyEA", signature: "CQk=" },
      consent: { acceptedAt: "2026-11-24T00:00:00.000Z" },
    });
  });

  it("logs in with the PIN and keeps the PIN-level session", async () => {
    const { pf } = fakePf();
    await logInWithPin({ card: new FakeCardPort(), pf }, "1234");
    expect(pf.session?.acr).toBe("urn:catv:acr:pin");
  });

  it("logs in with the PIN without the card-binding proof unless asked", async () => {
    const { pf, bodies } = fakePf();
    await logInWithPin({ card: new FakeCardPort(), pf }, "1234");
    expect(bodies["/v1/sessions"]).not.toHaveProperty("cardKeyProof");
  });

  it("sends the card-binding proof with a PIN login that binds the card", async () => {
    const card = new FakeCardPort();
    const { pf, bodies } = fakePf();
    await logInWithPin({ card, pf }, "1234", { bindCard: true });
    expect(card.boundCard).toEqual([true]);
    expect(bodies["/v1/sessions"]).toMatchObject({
      cardKeyProof: { cardVerifiableCertificate: "fyEA", signature: "CQk=" },
    });
  });

  it("reports a wrong PIN with the tries left and opens no session", async () => {
    const { pf } = fakePf();
    await expect(logInWithPin({ card: new FakeCardPort(), pf }, "0000")).rejects.toMatchObject({
      code: "wrong_pin",
      triesLeft: 2,
    });
    expect(pf.session).toBeNull();
  });

  it("logs in without a PIN by signing the PF's PIN-less challenge with the 券面事項確認AP", async () => {
    const card = new FakeCardPort();
    const { pf, bodies } = fakePf();
    await logInPinless({ card, pf });
    expect(pf.session?.acr).toBe("urn:catv:acr:pinless");
    expect(card.signed[0]).toEqual(new TextEncoder().encode("x".repeat(32)));
    expect(bodies["/v1/pinless/start"]).toEqual({
      authenticationCertificate: "MAGq",
      cardVerifiableCertificate: "fyEA",
    });
    expect(bodies["/v1/pinless/sessions"]).toMatchObject({
      challengeId: "ch-2",
      cardVerifiableCertificate: "fyEA",
    });
  });

  it("steps a PIN-less session up with the PIN", async () => {
    const { pf, bodies } = fakePf();
    await logInPinless({ card: new FakeCardPort(), pf });
    await stepUpSession({ card: new FakeCardPort(), pf }, "1234");
    expect(bodies["/v1/challenges"]).toEqual({ purpose: "step-up" });
    expect(pf.session?.acr).toBe("urn:catv:acr:pin");
  });

  it("stops with card_removed when the card is pulled before signing", async () => {
    const card = new FakeCardPort();
    card.pull();
    const { pf } = fakePf();
    await expect(logInWithPin({ card, pf }, "1234")).rejects.toMatchObject({ code: "card_removed" });
  });
});
