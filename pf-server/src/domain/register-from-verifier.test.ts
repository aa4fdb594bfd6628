/**
 * Registration on a verifier's own page (参考１－１ ①: the insurer's home page) over HTTP: the insurer's backend gets
 * a challenge with its API key, the card answers it, the backend submits the answer and receives the 共通的PFID;
 * the 4情報 reach the insurer in `account.registered`.
 */

import {
  accountRegisteredEventSchema,
  challengeResponseSchema,
  verifierRegistrationResponseSchema,
} from "@catv/contracts";
import type { CardImage } from "@catv/jpki/card-image";
import { describe, expect, it } from "vitest";
import { asTenant, INSURERS, medicalHarnessForFile } from "../testing/medical-fixture.ts";
import { cardKeyProof, cardSign, consent, errorCode } from "../testing/pf-harness.ts";

const { h, m } = medicalHarnessForFile();

async function challengeFor(apiKey: string) {
  const res = await asTenant(h, apiKey, "POST", "/v1/verifier/registration-challenges");
  expect(res.status).toBe(201);
  return challengeResponseSchema.parse(await res.json());
}

function answer(card: CardImage, ch: { challengeId: string; toBeSigned: string }) {
  const toBeSigned = Buffer.from(ch.toBeSigned, "base64");
  return {
    challengeId: ch.challengeId,
    signatureCertificate: card.jpki.signCertificate,
    authenticationCertificate: card.jpki.authCertificate,
    signature: cardSign(card.jpki.signPrivateKey, toBeSigned),
    cardKeyProof: cardKeyProof(card, toBeSigned),
    consent: consent(),
  };
}

describe("registration on the verifier's own page", { timeout: 15_000 }, () => {
  it("answers the insurer a new 共通的PFID, pending its link", async () => {
    const { card } = await h.issue();
    const ch = await challengeFor(m.insurerKeys.city);
    const res = await asTenant(h, m.insurerKeys.city, "POST", "/v1/verifier/registrations", answer(card, ch));
    expect(res.status).toBe(200);
    const body = verifierRegistrationResponseSchema.parse(await res.json());
    expect(body).toMatchObject({ outcome: "new", linkStatus: "pending" });
  });

  it("sends the insurer account.registered with the 4情報, marked as registered on its page", async () => {
    const { card } = await h.issue({ name: "窓口 次郎" });
    const ch = await challengeFor(m.insurerKeys.kenpo);
    const { accountId } = verifierRegistrationResponseSchema.parse(
      await (
        await asTenant(h, m.insurerKeys.kenpo, "POST", "/v1/verifier/registrations", answer(card, ch))
      ).json(),
    );
    await h.deliver();
    const hook = h.webhooks.find(
      (w) => w.body.type === "account.registered" && w.body.data.accountId === accountId,
    );
    expect(hook).toMatchObject({ target: INSURERS.kenpo.id, verified: true });
    expect(accountRegisteredEventSchema.parse(hook?.body).data).toMatchObject({
      via: { channel: "verifier" },
      fourInfo: { name: "窓口 次郎" },
    });
  });

  it("refuses another verifier's challenge (challenge_wrong_operator)", async () => {
    const { card } = await h.issue();
    const ch = await challengeFor(m.insurerKeys.city);
    const res = await asTenant(
      h,
      m.insurerKeys.kenpo,
      "POST",
      "/v1/verifier/registrations",
      answer(card, ch),
    );
    expect(await errorCode(res)).toBe("challenge_wrong_operator");
  });

  it("refuses a challenge answered twice (challenge_used)", async () => {
    const { card } = await h.issue();
    const ch = await challengeFor(m.insurerKeys.city);
    const body = answer(card, ch);
    await asTenant(h, m.insurerKeys.city, "POST", "/v1/verifier/registrations", body);
    const again = await asTenant(h, m.insurerKeys.city, "POST", "/v1/verifier/registrations", body);
    expect(await errorCode(again)).toBe("challenge_used");
  });

  it("refuses a reception terminal's challenge submitted by the verifier (challenge_wrong_operator)", async () => {
    const { card } = await h.issue();
    const ch = challengeResponseSchema.parse(
      await (await h.call(m.terminals.a1, "POST", "/v1/challenges", { purpose: "registration" })).json(),
    );
    const res = await asTenant(h, m.insurerKeys.city, "POST", "/v1/verifier/registrations", answer(card, ch));
    expect(await errorCode(res)).toBe("challenge_wrong_operator");
  });

  it("leaves CATV operators to register their viewers on their STBs (forbidden)", async () => {
    const res = await asTenant(h, h.operatorKeys.a, "POST", "/v1/verifier/registration-challenges");
    expect(await errorCode(res)).toBe("forbidden");
  });

  it("refuses an institution's key on the verifier API (unauthorized)", async () => {
    const res = await asTenant(h, m.institutionKeys.a, "POST", "/v1/verifier/registration-challenges");
    expect(await errorCode(res)).toBe("unauthorized");
  });
});
