import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { makeTestCard, type TestCard } from "@catv/firmware-shims/card-testing";
import {
  type ApduChannel,
  decodeResponseApdu,
  encodeCommandApdu,
  JpkiCardClient,
  signRegistrationChallenge,
} from "@catv/firmware-shims/driver";
import { EmulatedMyNumberCard } from "@catv/firmware-shims/emulated-card";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WEB_REGISTRATION_CONSENT_VERSION } from "../domain/register-on-insurer-site.ts";
import { createPfVerifierClient } from "../pf/pf-verifier-client.ts";
import { type Harness, KOKUHO, startHarness } from "../test-support/harness.ts";

const ORIGIN = "http://localhost";
let h: Harness;
let testCard: TestCard;
const bootDir = mkdtempSync(join(tmpdir(), "insurer-reader-"));
const bootFile = join(bootDir, "bridge-boot.json");

beforeAll(async () => {
  h = await startHarness({ readerBootFile: bootFile });
  testCard = await makeTestCard();
});
afterAll(() => h.close());

/** The card on the person's reader, driven by the same driver flow the page's script runs. */
async function cardSigns(toBeSigned: Uint8Array) {
  const emulated = new EmulatedMyNumberCard(structuredClone(testCard.image));
  const channel: ApduChannel = {
    supportsExtendedApdu: true,
    powerOn: async () => emulated.powerOn(),
    transmitApdu: async (command) => decodeResponseApdu(await emulated.transmit(encodeCommandApdu(command))),
  };
  const card = await JpkiCardClient.connect(channel);
  return signRegistrationChallenge(card, { toBeSigned, signPassword: testCard.image.jpki.signPassword });
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

/** A visitor's browser on the registration page: its cookie and the page's CSRF token. */
async function openPage(insurerId = KOKUHO) {
  const res = await h.app.request(`/insurers/${insurerId}/registration`);
  const cookie = res.headers.getSetCookie()[0]!.split(";")[0]!;
  const html = await res.text();
  const config = JSON.parse(
    /<script type="application\/json" id="registration-config">([\s\S]*?)<\/script>/.exec(html)![1]!,
  );
  const call = (path: string, body: unknown = {}, headers: Record<string, string> = {}) =>
    h.app.request(path, {
      method: "POST",
      headers: {
        origin: ORIGIN,
        cookie,
        "x-csrf-token": config.csrfToken,
        "content-type": "application/json",
        ...headers,
      },
      body: JSON.stringify(body),
    });
  return { res, html, config, cookie, call };
}

async function registerThroughPage(page: Awaited<ReturnType<typeof openPage>>) {
  const challenge = (await (await page.call(page.config.challengePath)).json()) as {
    challengeId: string;
    toBeSigned: string;
  };
  const signed = await cardSigns(new Uint8Array(Buffer.from(challenge.toBeSigned, "base64")));
  return page.call(page.config.completePath, {
    challengeId: challenge.challengeId,
    signatureCertificate: b64(signed.signatureCertificate),
    authenticationCertificate: b64(signed.authenticationCertificate),
    signature: b64(signed.signature),
    cardKeyProof: {
      cardVerifiableCertificate: b64(signed.cardVerifiableCertificate),
      signature: b64(signed.cardSignature),
    },
    consentAcceptedAt: new Date().toISOString(),
  });
}

const codeOf = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

describe("the registration page of the insurer's site", () => {
  it("serves the page with its settings as data, a page session cookie and a strict CSP", async () => {
    const { res, html, config } = await openPage();
    expect(res.status).toBe(200);
    expect(res.headers.getSetCookie()[0]).toMatch(
      /^__Host-insurer_registration=.+; Max-Age=1200; Path=\/; HttpOnly; Secure; SameSite=Strict$/,
    );
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(html).toContain('<script type="module" src="/static/registration.js">');
    expect(config).toMatchObject({
      insurerId: KOKUHO,
      challengePath: `/insurers/${KOKUHO}/registration/challenge`,
      reader: null,
    });
  });

  it("hands the page the reader software's address and token when it runs", async () => {
    writeFileSync(
      bootFile,
      JSON.stringify({ wsUrl: "ws://127.0.0.1:7020/ws", token: "boot-token", terminalId: "x" }),
    );
    const { config } = await openPage();
    expect(config.reader).toEqual({ wsUrl: "ws://127.0.0.1:7020/ws", token: "boot-token" });
  });

  it("has no page for an insurer this system does not serve", async () => {
    expect((await h.app.request("/insurers/ins-elsewhere/registration")).status).toBe(404);
  });

  it("registers the card through the PF with the insurer's key; the page learns only the outcome", async () => {
    const page = await openPage();
    const res = await registerThroughPage(page);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ outcome: "new", linkStatus: "pending" });
    const recorded = h.pf.registrations.at(-1)!;
    expect(recorded).toMatchObject({ verifierId: KOKUHO, answered: 200 });
    expect(recorded.consent.textVersion).toBe(WEB_REGISTRATION_CONSENT_VERSION);
    const audit = await h.store.audit.list(KOKUHO, { offset: 0, limit: 5 });
    expect(audit.items[0]).toMatchObject({ actor: "web", action: "web_registration.completed" });
  });

  it("neither keeps nor logs the card's certificates", async () => {
    const page = await openPage();
    await registerThroughPage(page);
    const certificate = b64(Buffer.from(testCard.image.jpki.signCertificate, "base64")).slice(0, 40);
    expect(h.logger.lines.join("\n")).not.toContain(certificate);
  });

  it("refuses a second use of a page session that has completed", async () => {
    const page = await openPage();
    expect((await registerThroughPage(page)).status).toBe(200);
    const again = await page.call(page.config.challengePath);
    expect(again.status).toBe(400);
    expect(await codeOf(again)).toBe("registration_session_missing");
  });

  it("refuses a call from another origin, without the page session, or without the page's token", async () => {
    const page = await openPage();
    const foreign = await page.call(page.config.challengePath, {}, { origin: "http://evil.example" });
    expect(foreign.status).toBe(403);
    expect(await codeOf(foreign)).toBe("registration_origin_refused");
    expect(await codeOf(await page.call(page.config.challengePath, {}, { cookie: "" }))).toBe(
      "registration_session_missing",
    );
    expect(await codeOf(await page.call(page.config.challengePath, {}, { "x-csrf-token": "forged" }))).toBe(
      "registration_session_missing",
    );
  });

  it("refuses a card answer to a challenge this page session was not given", async () => {
    const mine = await openPage();
    const other = await openPage();
    await mine.call(mine.config.challengePath);
    const theirs = (await (await other.call(other.config.challengePath)).json()) as {
      challengeId: string;
      toBeSigned: string;
    };
    const signed = await cardSigns(new Uint8Array(Buffer.from(theirs.toBeSigned, "base64")));
    const res = await mine.call(mine.config.completePath, {
      challengeId: theirs.challengeId,
      signatureCertificate: b64(signed.signatureCertificate),
      authenticationCertificate: b64(signed.authenticationCertificate),
      signature: b64(signed.signature),
      cardKeyProof: {
        cardVerifiableCertificate: b64(signed.cardVerifiableCertificate),
        signature: b64(signed.cardSignature),
      },
      consentAcceptedAt: new Date().toISOString(),
    });
    expect(res.status).toBe(400);
    expect(await codeOf(res)).toBe("registration_challenge_mismatch");
  });

  it("tells the person in plain Japanese why the PF refused the card (a signature over something else)", async () => {
    const page = await openPage();
    const challenge = (await (await page.call(page.config.challengePath)).json()) as { challengeId: string };
    const signed = await cardSigns(new TextEncoder().encode("not the challenge"));
    const res = await page.call(page.config.completePath, {
      challengeId: challenge.challengeId,
      signatureCertificate: b64(signed.signatureCertificate),
      authenticationCertificate: b64(signed.authenticationCertificate),
      signature: b64(signed.signature),
      cardKeyProof: {
        cardVerifiableCertificate: b64(signed.cardVerifiableCertificate),
        signature: b64(signed.cardSignature),
      },
      consentAcceptedAt: new Date().toISOString(),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      error: { code: string; message: string; details: { pfCode: string } };
    };
    expect(body.error).toMatchObject({
      code: "registration_refused",
      details: { pfCode: "signature_invalid" },
    });
    expect(body.error.message).toContain("カードによる署名を確認できませんでした");
  });

  it("refuses a body that is not a card answer", async () => {
    const page = await openPage();
    await page.call(page.config.challengePath);
    const res = await page.call(page.config.completePath, { challengeId: "x", signature: "not base64!" });
    expect(res.status).toBe(400);
    expect(await codeOf(res)).toBe("validation_failed");
  });

  it("answers pf_unavailable when the PF cannot be reached", async () => {
    const pf = h.deps.pf;
    h.deps.pf = createPfVerifierClient("http://127.0.0.1:1");
    try {
      const page = await openPage();
      const res = await page.call(page.config.challengePath);
      expect(res.status).toBe(503);
      expect(await codeOf(res)).toBe("pf_unavailable");
    } finally {
      h.deps.pf = pf;
    }
  });

  it("limits the calls one page session can make", async () => {
    const page = await openPage();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await page.call(page.config.challengePath)).status);
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});
