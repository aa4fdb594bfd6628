import { REGISTRATION_RECEIPT_TTL_SECONDS } from "@catv/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createHarness,
  errorCode,
  type Harness,
  loginWithPin,
  register,
  type TestTerminal,
} from "../testing/pf-harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
}, 60_000);
afterAll(() => h.close());

/** Registers a new card on `terminal`; answers the registration's body. */
async function registerOn(terminal: TestTerminal) {
  const { card } = await h.issue();
  const res = await register(h, terminal, card);
  expect(res.status).toBe(200);
  return (await res.json()) as { cableId: string; householdLink: string; receipt: string };
}

const askStatus = (terminal: TestTerminal, receipt: string) =>
  h.call(terminal, "POST", "/v1/registrations/status", { receipt });

async function linkHousehold(cableId: string) {
  const put = await h.app.request(`/v1/operator/cable-ids/${cableId}/household-link`, {
    method: "PUT",
    headers: { authorization: `Bearer ${h.operatorKeys.a}`, "content-type": "application/json" },
    body: JSON.stringify({ status: "linked" }),
  });
  expect(put.status).toBe(204);
}

describe("registration status (the household link, for the registering STB)", () => {
  it("answers pending right after registration and linked once the operator has linked the household", async () => {
    const registered = await registerOn(h.terminals.a1);
    const before = await askStatus(h.terminals.a1, registered.receipt);
    expect(before.status).toBe(200);
    expect(await before.json()).toEqual({ cableId: registered.cableId, householdLink: "pending" });
    await linkHousehold(registered.cableId);
    const after = await askStatus(h.terminals.a1, registered.receipt);
    expect(await after.json()).toEqual({ cableId: registered.cableId, householdLink: "linked" });
  });

  it("refuses a receipt shown by another STB of the same operator", async () => {
    const registered = await registerOn(h.terminals.a1);
    const res = await askStatus(h.terminals.a2, registered.receipt);
    expect(res.status).toBe(403);
    expect(await errorCode(res)).toBe("registration_receipt_other_terminal");
  });

  it("refuses a receipt shown by another operator's STB", async () => {
    const registered = await registerOn(h.terminals.a1);
    expect(await errorCode(await askStatus(h.terminals.b1, registered.receipt))).toBe(
      "registration_receipt_other_terminal",
    );
  });

  it("refuses a receipt past its lifetime", async () => {
    const registered = await registerOn(h.terminals.a1);
    h.clock.offsetMs += (REGISTRATION_RECEIPT_TTL_SECONDS + 5) * 1000;
    try {
      expect(await errorCode(await askStatus(h.terminals.a1, registered.receipt))).toBe(
        "registration_receipt_expired",
      );
    } finally {
      h.clock.offsetMs -= (REGISTRATION_RECEIPT_TTL_SECONDS + 5) * 1000;
    }
  });

  it("refuses a receipt whose cable ID was altered (the PF's signature no longer holds)", async () => {
    const registered = await registerOn(h.terminals.a1);
    const other = await registerOn(h.terminals.a1);
    const [header, , signature] = registered.receipt.split(".");
    const [, payload] = other.receipt.split(".");
    const forged = `${header}.${payload}.${signature}`;
    expect(await errorCode(await askStatus(h.terminals.a1, forged))).toBe("registration_receipt_invalid");
  });

  it("refuses a viewer access token offered as a receipt", async () => {
    const { card } = await h.issue();
    await register(h, h.terminals.a1, card);
    const tokens = (await (await loginWithPin(h, h.terminals.a1, card)).json()) as { accessToken: string };
    expect(await errorCode(await askStatus(h.terminals.a1, tokens.accessToken))).toBe(
      "registration_receipt_invalid",
    );
  });

  it("audits a refusal by its code, with the terminal and without the cable ID", async () => {
    const registered = await registerOn(h.terminals.a1);
    await askStatus(h.terminals.a2, registered.receipt);
    const row = (await h.audit())
      .reverse()
      .find((r) => r.event === "registration.status" && r.outcome === "failure");
    expect(row).toMatchObject({
      code: "registration_receipt_other_terminal",
      terminalId: h.terminals.a2.terminalId,
    });
    expect(row?.accountId ?? null).toBeNull();
  });
});
