import { createPrivateKey, createPublicKey } from "node:crypto";
import { jstMonth, previousMonth } from "@catv/contracts/calendar";
import { buildDateOfBirthRecord } from "@catv/jpki";
import { describe, expect, it } from "vitest";
import { harnessForFile, registeredCard } from "../testing/harness-for-file.ts";
import { errorCode, loginPinless, loginWithPin, startPinless, type Tokens } from "../testing/pf-harness.ts";

const h = harnessForFile();

describe("PIN login and sessions", () => {
  it("logs in with the PIN and answers /v1/me with the cable ID at PIN level", async () => {
    const { card, cableId } = await registeredCard(h);
    const res = await loginWithPin(h, h.terminals.a1, card);
    expect(res.status).toBe(200);
    const tokens = (await res.json()) as Tokens;
    expect(tokens).toMatchObject({ cableId, acr: "urn:catv:acr:pin" });
    const me = await h.call(h.terminals.a1, "GET", "/v1/me", undefined, tokens.accessToken);
    expect(await me.json()).toMatchObject({ cableId, acr: "urn:catv:acr:pin", householdLink: "pending" });
  });

  it("answers card_not_registered for a card that never registered", async () => {
    const { card } = await h.issue();
    expect(await errorCode(await loginWithPin(h, h.terminals.a1, card))).toBe("card_not_registered");
  });

  it("refuses a signature certificate for login (certificate_wrong_type)", async () => {
    const { card } = await registeredCard(h);
    const ch = (await (
      await h.call(h.terminals.a1, "POST", "/v1/challenges", { purpose: "login" })
    ).json()) as { challengeId: string };
    const res = await h.call(h.terminals.a1, "POST", "/v1/sessions", {
      challengeId: ch.challengeId,
      authenticationCertificate: card.jpki.signCertificate,
      signature: "AAAA",
    });
    expect(await errorCode(res)).toBe("certificate_wrong_type");
  });

  it("rotates the refresh token and refuses the old one (refresh_token_reused)", async () => {
    const { card } = await registeredCard(h);
    const tokens = (await (await loginWithPin(h, h.terminals.a1, card)).json()) as Tokens;
    const next = await h.call(h.terminals.a1, "POST", "/v1/sessions/refresh", {
      refreshToken: tokens.refreshToken,
    });
    expect(next.status).toBe(200);
    const rotated = (await next.json()) as Tokens;
    expect(rotated.refreshToken).not.toBe(tokens.refreshToken);
    const reuse = await h.call(h.terminals.a1, "POST", "/v1/sessions/refresh", {
      refreshToken: tokens.refreshToken,
    });
    expect(await errorCode(reuse)).toBe("refresh_token_reused");
  });

  it("refuses a refresh token from another terminal", async () => {
    const { card } = await registeredCard(h);
    const tokens = (await (await loginWithPin(h, h.terminals.a1, card)).json()) as Tokens;
    const res = await h.call(h.terminals.a2, "POST", "/v1/sessions/refresh", {
      refreshToken: tokens.refreshToken,
    });
    expect(await errorCode(res)).toBe("session_revoked");
  });

  it("logs out: the access token stops working at once (session_revoked)", async () => {
    const { card } = await registeredCard(h);
    const tokens = (await (await loginWithPin(h, h.terminals.a1, card)).json()) as Tokens;
    expect(
      (await h.call(h.terminals.a1, "DELETE", "/v1/sessions/current", undefined, tokens.accessToken)).status,
    ).toBe(204);
    expect(
      await errorCode(await h.call(h.terminals.a1, "GET", "/v1/me", undefined, tokens.accessToken)),
    ).toBe("session_revoked");
  });

  it("answers session_expired for an access token past its lifetime", async () => {
    const { card } = await registeredCard(h);
    const tokens = (await (await loginWithPin(h, h.terminals.a1, card)).json()) as Tokens;
    h.clock.offsetMs = 3600_000;
    try {
      expect(
        await errorCode(await h.call(h.terminals.a1, "GET", "/v1/me", undefined, tokens.accessToken)),
      ).toBe("session_expired");
    } finally {
      h.clock.offsetMs = 0;
    }
  });

  it("refuses a missing bearer token (unauthorized)", async () => {
    expect(await errorCode(await h.call(h.terminals.a1, "GET", "/v1/me"))).toBe("unauthorized");
  });

  it("shows the operator's branding and services on the portal", async () => {
    const res = await h.call(h.terminals.a1, "GET", "/v1/portal");
    const body = (await res.json()) as {
      operatorId: string;
      services: { serviceId: string; requiresPin: boolean }[];
    };
    expect(body.operatorId).toBe("op-a");
    expect(body.services).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ serviceId: "svc-open", requiresPin: false }),
        expect.objectContaining({ serviceId: "svc-pin", requiresPin: true }),
      ]),
    );
  });

  it("names each service's provider and the API kind the administrator registered for it", async () => {
    const body = (await (await h.call(h.terminals.a1, "GET", "/v1/portal")).json()) as {
      services: { serviceId: string; providerId: string; kind: string | null }[];
    };
    expect(body.services).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ serviceId: "svc-open", providerId: "prov-test", kind: "healthcare" }),
        expect.objectContaining({ serviceId: "svc-pin", providerId: "prov-test", kind: "facility-booking" }),
      ]),
    );
  });
});

describe("PIN-less login (かざし) and step-up", () => {
  it("logs in without a PIN through the 券面事項確認AP proof", async () => {
    const { card, cableId } = await registeredCard(h);
    const start = await startPinless(h, h.terminals.a1, card);
    expect(((await start.json()) as { birthDateKey: string }).birthDateKey).toBe(card.kenkaku.birthDateKey);
    const res = await loginPinless(h, h.terminals.a1, card);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ cableId, acr: "urn:catv:acr:pinless" });
  });

  it("refuses another card's 券面 proof: it is not the bound card (pinless_card_mismatch)", async () => {
    const { card } = await registeredCard(h);
    const { card: other } = await h.issue({ birthDate: "1990-01-01" });
    expect(await errorCode(await loginPinless(h, h.terminals.a1, card, other))).toBe("pinless_card_mismatch");
  });

  it("refuses a record signed by the bound card with another birth date (card_genuineness_failed)", async () => {
    const { card } = await registeredCard(h);
    const cardKey = createPrivateKey({
      key: Buffer.from(card.kenkaku.cardPrivateKey, "base64"),
      format: "der",
      type: "pkcs8",
    });
    const record = buildDateOfBirthRecord({
      birthDate: "1991-03-03",
      cardPublicKey: createPublicKey(cardKey),
      signingKey: cardKey,
    });
    const altered = {
      ...card,
      kenkaku: { ...card.kenkaku, dateOfBirthRecord: Buffer.from(record).toString("base64") },
    };
    expect(await errorCode(await loginPinless(h, h.terminals.a1, card, altered))).toBe(
      "card_genuineness_failed",
    );
  });

  it("refuses a challenge signature by a key other than the record's (card_genuineness_failed)", async () => {
    const { card } = await registeredCard(h);
    const forged = { ...card, kenkaku: { ...card.kenkaku, cardPrivateKey: card.jpki.authPrivateKey } };
    expect(await errorCode(await loginPinless(h, h.terminals.a1, card, forged))).toBe(
      "card_genuineness_failed",
    );
  });

  it("refuses PIN-less for an unregistered card (card_not_registered)", async () => {
    const { card } = await h.issue();
    expect(await errorCode(await loginPinless(h, h.terminals.a1, card))).toBe("card_not_registered");
  });

  it("steps a PIN-less session up to PIN level and revokes the PIN-less one", async () => {
    const { card, cableId } = await registeredCard(h);
    const pinless = (await (await loginPinless(h, h.terminals.a1, card)).json()) as Tokens;
    const res = await loginWithPin(h, h.terminals.a1, card, "step-up", pinless.accessToken);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ cableId, acr: "urn:catv:acr:pin" });
    expect(
      await errorCode(await h.call(h.terminals.a1, "GET", "/v1/me", undefined, pinless.accessToken)),
    ).toBe("session_revoked");
  });

  it("refuses a step-up with another viewer's card (forbidden)", async () => {
    const { card } = await registeredCard(h);
    const { card: other } = await registeredCard(h);
    const pinless = (await (await loginPinless(h, h.terminals.a1, card)).json()) as Tokens;
    expect(
      await errorCode(await loginWithPin(h, h.terminals.a1, other, "step-up", pinless.accessToken)),
    ).toBe("forbidden");
  });
});

describe("metering and audit", () => {
  it("counts registrations, logins by kind and JPKI checks per operator and month", async () => {
    const month = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 7);
    const counts = (await (
      await h.app.request(`/v1/admin/metering/op-a/${month}`, {
        headers: { authorization: "Bearer admin-token-for-tests-0123456789" },
      })
    ).json()) as {
      counts: Record<string, number>;
    };
    expect(counts.counts.registrations).toBeGreaterThan(0);
    expect(counts.counts["logins.pin"]).toBeGreaterThan(0);
    expect(counts.counts["logins.pinless"]).toBeGreaterThan(0);
    expect(counts.counts["jpki_checks.sign"]).toBeGreaterThan(0);
    expect(counts.counts["jpki_checks.auth"]).toBeGreaterThan(0);
  });

  it("audits failures by code without personal data", async () => {
    const res = await h.app.request("/v1/admin/audit?limit=1000", {
      headers: { authorization: "Bearer admin-token-for-tests-0123456789" },
    });
    const { entries } = (await res.json()) as {
      entries: { event: string; outcome: string; code: string | null }[];
    };
    expect(entries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ event: "login.pin", outcome: "failure", code: "card_not_registered" }),
      ]),
    );
    expect(JSON.stringify(entries)).not.toMatch(/試験|1980-02-17/);
  });

  it("computes the PF usage-fee statement from the meters, as JSON and CSV", async () => {
    const month = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 7);
    const json = await h.app.request(`/v1/operator/fee-statements/${month}`, {
      headers: { authorization: `Bearer ${h.operatorKeys.a}` },
    });
    const statement = (await json.json()) as {
      lines: { item: string; count: number; amountYen: number }[];
      subtotalYen: number;
      taxYen: number;
      totalYen: number;
    };
    const registration = statement.lines.find((l) => l.item === "registration");
    expect(registration?.count).toBeGreaterThan(0);
    expect(statement.subtotalYen).toBe(statement.lines.reduce((s, l) => s + l.amountYen, 0));
    expect(statement.totalYen).toBe(statement.subtotalYen + statement.taxYen);
    const csv = await h.app.request(`/v1/operator/fee-statements/${month}?format=csv`, {
      headers: { authorization: `Bearer ${h.operatorKeys.a}` },
    });
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect((await csv.text()).split("\r\n")[0]).toBe("item,description,count,unitPriceYen,amountYen");
  });

  it("answers the month in progress as provisional, counted so far, and an ended month as final", async () => {
    const now = new Date();
    const current = jstMonth(now);
    const statementOf = async (month: string, format = "") =>
      h.app.request(`/v1/operator/fee-statements/${month}${format}`, {
        headers: { authorization: `Bearer ${h.operatorKeys.a}` },
      });
    const inProgress = (await (await statementOf(current)).json()) as { provisional: boolean; asOf: string };
    expect(inProgress.provisional).toBe(true);
    expect(Date.parse(inProgress.asOf)).toBeGreaterThanOrEqual(now.getTime() - 1_000);
    const ended = (await (await statementOf(previousMonth(current))).json()) as { provisional: boolean };
    expect(ended.provisional).toBe(false);
    const csv = await (await statementOf(current, "?format=csv")).text();
    expect(csv).toContain(`status,provisional,,,`);
  });
});
