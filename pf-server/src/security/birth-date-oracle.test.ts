/**
 * Attacks on the PIN-less start as a birth-date oracle: any STB presenting a registered viewer's readable
 * certificate used to get the 和暦 birth-date key back. Now the key is released only to a terminal that shows the
 * bound card's CVC, of the viewer's own operator; every start is audited without the birth date or serial, and
 * the JPKI check is metered to the viewer's operator.
 */

import { x509 } from "@catv/jpki/x509";
import { describe, expect, it } from "vitest";
import type { Operator } from "../storage/repositories.ts";
import { harnessForFile, registeredCard } from "../testing/harness-for-file.ts";
import { errorCode, register, startPinless } from "../testing/pf-harness.ts";

const h = harnessForFile();

const audit = () => h.audit();
const month = () => new Date(h.clock.now().getTime() + 9 * 3600_000).toISOString().slice(0, 7);

describe("the birth-date key is released only to a terminal showing the bound card", () => {
  it("refuses a start that shows only the user-authentication certificate", async () => {
    const { card } = await registeredCard(h);
    const res = await h.call(h.terminals.a1, "POST", "/v1/pinless/start", {
      authenticationCertificate: card.jpki.authCertificate,
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).not.toContain(card.kenkaku.birthDateKey);
  });

  it("refuses a start that shows another genuine card's CVC, without the birth-date key", async () => {
    const { card } = await registeredCard(h);
    const { card: other } = await h.issue();
    const res = await startPinless(h, h.terminals.a1, card, other);
    const body = await res.text();
    expect(JSON.parse(body).error.code).toBe("pinless_card_mismatch");
    expect(body).not.toContain(card.kenkaku.birthDateKey);
  });

  it("answers the birth-date key to the viewer's own operator's STB showing the bound card", async () => {
    const { card } = await registeredCard(h);
    const res = await startPinless(h, h.terminals.a2, card);
    expect(((await res.json()) as { birthDateKey: string }).birthDateKey).toBe(card.kenkaku.birthDateKey);
  });
});

describe("every start is audited", () => {
  it("audits a successful start with the terminal and the cable ID", async () => {
    const { card, cableId } = await registeredCard(h);
    await startPinless(h, h.terminals.a2, card);
    expect(await audit()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          event: "login.pinless.start",
          outcome: "success",
          terminalId: "stb-a-2",
          cableId,
        }),
      ]),
    );
  });

  it("audits a refused start with the terminal, the cable ID and the code", async () => {
    const { card, cableId } = await registeredCard(h);
    const { card: other } = await h.issue();
    await startPinless(h, h.terminals.a1, card, other);
    expect(await audit()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          event: "login.pinless.start",
          outcome: "failure",
          code: "pinless_card_mismatch",
          terminalId: "stb-a-1",
          cableId,
        }),
      ]),
    );
  });

  it("writes neither the birth date nor the certificate serial into the audit or the logs", async () => {
    const { card } = await h.issue({ birthDate: "1966-06-16" });
    await register(h, h.terminals.a1, card);
    await startPinless(h, h.terminals.a1, card);
    const serialHex = new x509.X509Certificate(Buffer.from(card.jpki.authCertificate, "base64")).serialNumber;
    // Request IDs are random UUIDs: left out, so six random hex digits cannot look like the 和暦 key.
    const written = (JSON.stringify(await audit()) + h.logs.join("\n")).replace(
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g,
      "",
    );
    for (const secret of ["1966-06-16", "19660616", card.kenkaku.birthDateKey, serialHex.toLowerCase()])
      expect(written.toLowerCase()).not.toContain(secret.toLowerCase());
  });
});

describe("metering", () => {
  it("meters the JPKI check of a start to the viewer's operator, not the asking STB's", async () => {
    const { card } = await registeredCard(h, h.terminals.a1);
    const saved: Operator[] = [];
    for (const id of ["op-a", "op-b"]) {
      const operator = (await h.ctx.store.tenants.getOperator(id)) as Operator;
      saved.push(operator);
      await h.ctx.store.tenants.upsertOperator({ ...operator, crossOperatorLogins: true });
    }
    try {
      const before = {
        a: (await h.ctx.store.metering.monthCounts("op-a", month()))["jpki_checks.auth"] ?? 0,
        b: (await h.ctx.store.metering.monthCounts("op-b", month()))["jpki_checks.auth"] ?? 0,
      };
      expect((await startPinless(h, h.terminals.b1, card)).status).toBe(200);
      expect((await h.ctx.store.metering.monthCounts("op-a", month()))["jpki_checks.auth"]).toBe(
        before.a + 1,
      );
      expect((await h.ctx.store.metering.monthCounts("op-b", month()))["jpki_checks.auth"] ?? 0).toBe(
        before.b,
      );
    } finally {
      for (const operator of saved) await h.ctx.store.tenants.upsertOperator(operator);
    }
  });

  it("meters nothing for a start refused before the JPKI check", async () => {
    const { card } = await registeredCard(h, h.terminals.a1);
    const { card: other } = await h.issue();
    const before = (await h.ctx.store.metering.monthCounts("op-a", month()))["jpki_checks.auth"] ?? 0;
    expect(await errorCode(await startPinless(h, h.terminals.a1, card, other))).toBe("pinless_card_mismatch");
    expect((await h.ctx.store.metering.monthCounts("op-a", month()))["jpki_checks.auth"]).toBe(before);
  });
});
