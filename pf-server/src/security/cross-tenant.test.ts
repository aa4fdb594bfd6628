/**
 * Attacks across operators: operator B's STB or staff acting on a viewer registered with operator A — an assisted
 * registration that would link A's viewer to B's household, logins that would make B's portal serve A's viewer,
 * and B's key reading or changing A's data.
 */
import { describe, expect, it } from "vitest";
import type { Operator } from "../storage/repositories.ts";
import { harnessForFile, registeredCard } from "../testing/harness-for-file.ts";
import {
  ADMIN_TOKEN,
  errorCode,
  loginPinless,
  loginWithPin,
  register,
  type TestTerminal,
} from "../testing/pf-harness.ts";

const h = harnessForFile();

const asOperator = (key: string, method: string, path: string, body?: unknown) =>
  h.app.request(path, {
    method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const openAssisted = (key: string, terminal: TestTerminal, memberId = "M-1") =>
  asOperator(key, "POST", "/v1/operator/assisted-registrations", {
    terminalId: terminal.terminalId,
    contractId: "HH-B-0001",
    memberId,
  });

async function withCrossOperatorLogins<T>(a: boolean, b: boolean, run: () => Promise<T>): Promise<T> {
  const saved: Operator[] = [];
  for (const [id, allow] of [
    ["op-a", a],
    ["op-b", b],
  ] as const) {
    const operator = (await h.ctx.store.tenants.getOperator(id)) as Operator;
    saved.push(operator);
    await h.ctx.store.tenants.upsertOperator({ ...operator, crossOperatorLogins: allow });
  }
  try {
    return await run();
  } finally {
    for (const operator of saved) await h.ctx.store.tenants.upsertOperator(operator);
  }
}

describe("assisted registration across operators", () => {
  it("answers assisted_registration_other_operator when B's assisted registration meets A's viewer", async () => {
    const { card } = await registeredCard(h, h.terminals.a1);
    expect((await openAssisted(h.operatorKeys.b, h.terminals.b1)).status).toBe(201);
    const res = await register(h, h.terminals.b1, card);
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { code: string }; cableId?: string };
    expect(body.error.code).toBe("assisted_registration_other_operator");
    expect(body.cableId).toBeUndefined();
  });

  it("leaves A's viewer as it was (not household-linked) after B's assisted registration is refused", async () => {
    const { card, cableId } = await registeredCard(h, h.terminals.a1);
    const before = await h.ctx.store.viewers.getViewer(cableId);
    await openAssisted(h.operatorKeys.b, h.terminals.b1);
    await register(h, h.terminals.b1, card);
    expect(await h.ctx.store.viewers.getViewer(cableId)).toEqual(before);
  });

  it("leaves B's assisted-registration session open for the household member it was meant for", async () => {
    const { card } = await registeredCard(h, h.terminals.a1);
    const opened = (await (await openAssisted(h.operatorKeys.b, h.terminals.b1, "M-9")).json()) as {
      registrationSessionId: string;
    };
    await register(h, h.terminals.b1, card);
    const session = await h.ctx.store.challenges.getRegistrationSession(opened.registrationSessionId);
    expect(session?.usedAt).toBeNull();
    const { card: member } = await h.issue();
    const res = (await (await register(h, h.terminals.b1, member)).json()) as { householdLink: string };
    expect(res.householdLink).toBe("linked");
  });

  it("refuses a plain registration of A's viewer on B's STB (viewer_of_other_operator)", async () => {
    const { card } = await registeredCard(h, h.terminals.a1);
    // An STB of B's where staff opened no assisted registration.
    const stb = await h.addTerminal("stb-b-plain", "op-b");
    expect(await errorCode(await register(h, stb, card))).toBe("viewer_of_other_operator");
  });
});

describe("logins across operators", () => {
  it("refuses a PIN login of A's viewer on B's STB (viewer_of_other_operator)", async () => {
    const { card } = await registeredCard(h, h.terminals.a1);
    expect(await errorCode(await loginWithPin(h, h.terminals.b1, card))).toBe("viewer_of_other_operator");
  });

  it("refuses a PIN-less login of A's viewer on B's STB without releasing the birth-date key", async () => {
    const { card } = await registeredCard(h, h.terminals.a1);
    const res = await loginPinless(h, h.terminals.b1, card);
    expect(await errorCode(res)).toBe("viewer_of_other_operator");
  });

  it("refuses a login across operators when only the viewer's operator allows it", async () => {
    const { card } = await registeredCard(h, h.terminals.a1);
    await withCrossOperatorLogins(true, false, async () => {
      expect(await errorCode(await loginWithPin(h, h.terminals.b1, card))).toBe("viewer_of_other_operator");
    });
  });

  it("refuses a login across operators when only the STB's operator allows it", async () => {
    const { card } = await registeredCard(h, h.terminals.a1);
    await withCrossOperatorLogins(false, true, async () => {
      expect(await errorCode(await loginWithPin(h, h.terminals.b1, card))).toBe("viewer_of_other_operator");
    });
  });

  it("lets A's viewer log in on B's STB when both operators allow logins across operators", async () => {
    const { card, cableId } = await registeredCard(h, h.terminals.a1);
    await withCrossOperatorLogins(true, true, async () => {
      const res = await loginWithPin(h, h.terminals.b1, card);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ cableId });
    });
  });

  it("offers the setting in the operator admin API, off by default", async () => {
    const res = await h.app.request("/v1/admin/operators", {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    const { operators } = (await res.json()) as { operators: { id: string; crossOperatorLogins: boolean }[] };
    expect(operators.map((o) => o.crossOperatorLogins)).toEqual([false, false]);
  });
});

describe("operator keys stay within their own tenant", () => {
  it("answers not_found when B sets the household link of A's cable ID", async () => {
    const { cableId } = await registeredCard(h, h.terminals.a1);
    const res = await asOperator(
      h.operatorKeys.b,
      "PUT",
      `/v1/operator/cable-ids/${cableId}/household-link`,
      {
        status: "linked",
      },
    );
    expect(await errorCode(res)).toBe("not_found");
    expect((await h.ctx.store.viewers.getViewer(cableId))?.householdLink).toBe("pending");
  });

  it("answers not_found when B opens an assisted registration on A's STB", async () => {
    expect(await errorCode(await openAssisted(h.operatorKeys.b, h.terminals.a1))).toBe("not_found");
  });

  it("refuses a challenge issued to A's STB when B's STB answers it (challenge_wrong_operator)", async () => {
    const { card } = await registeredCard(h, h.terminals.a1);
    const ch = (await (
      await h.call(h.terminals.a1, "POST", "/v1/challenges", { purpose: "login" })
    ).json()) as {
      challengeId: string;
    };
    const res = await h.call(h.terminals.b1, "POST", "/v1/sessions", {
      challengeId: ch.challengeId,
      authenticationCertificate: card.jpki.authCertificate,
      signature: "AAAA",
    });
    expect(await errorCode(res)).toBe("challenge_wrong_operator");
  });

  it("serves each operator its own fee statement only", async () => {
    const month = new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 7);
    const res = await asOperator(h.operatorKeys.b, "GET", `/v1/operator/fee-statements/${month}`);
    expect(((await res.json()) as { operatorId: string }).operatorId).toBe("op-b");
  });
});
