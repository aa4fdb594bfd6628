import { generateKeyPairSync } from "node:crypto";
import { exportJWK } from "jose";
import { describe, expect, it } from "vitest";
import { harnessForFile, registeredCard } from "../testing/harness-for-file.ts";
import { ADMIN_TOKEN, errorCode, loginWithPin, type Tokens } from "../testing/pf-harness.ts";

const h = harnessForFile();

const admin = (method: string, path: string, body?: unknown) =>
  h.app.request(path, {
    method,
    headers: { authorization: `Bearer ${ADMIN_TOKEN}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe("PF administrator: tenants", () => {
  it("creates an operator and a terminal that can then call the TV API", async () => {
    const created = await admin("PUT", "/v1/admin/operators/op-new", {
      name: "新ケーブル",
      town: "いなべ市",
      prefecture: "三重県",
      apiKey: "new-operator-key-0123456789",
      revocationPolicy: "ocsp",
      branding: {
        operatorName: "新ケーブル",
        portalTitle: "新ポータル",
        primaryColor: "#000000",
        accentColor: "#FFFFFF",
      },
      webhookUrl: null,
      webhookSecret: null,
    });
    expect(created.status).toBe(200);
    expect(await created.json()).not.toHaveProperty("apiKeyHash");
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const jwk = await exportJWK(publicKey);
    expect(
      (await admin("PUT", "/v1/admin/operators/op-new/terminals/stb-new-1", { publicJwk: jwk })).status,
    ).toBe(204);
    const res = await h.call(
      { terminalId: "stb-new-1", operatorId: "op-new", privateKey },
      "GET",
      "/v1/portal",
    );
    expect(await res.json()).toMatchObject({ operatorId: "op-new", branding: { portalTitle: "新ポータル" } });
  });

  it("refuses to create an operator without an API key (validation_failed)", async () => {
    const res = await admin("PUT", "/v1/admin/operators/op-nokey", {
      name: "x",
      town: "x",
      prefecture: "x",
      revocationPolicy: "crl",
      branding: { operatorName: "x", portalTitle: "x", primaryColor: "#000000", accentColor: "#FFFFFF" },
      webhookUrl: null,
      webhookSecret: null,
    });
    expect(await errorCode(res)).toBe("validation_failed");
  });

  it("refuses to move a terminal to another operator (forbidden)", async () => {
    const jwk = await exportJWK(generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey);
    expect(
      await errorCode(await admin("PUT", "/v1/admin/operators/op-b/terminals/stb-a-1", { publicJwk: jwk })),
    ).toBe("forbidden");
  });

  it("refuses a terminal for an unknown operator (not_found)", async () => {
    const jwk = await exportJWK(generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey);
    expect(
      await errorCode(
        await admin("PUT", "/v1/admin/operators/op-none/terminals/stb-x-1", { publicJwk: jwk }),
      ),
    ).toBe("not_found");
  });

  it("disables a terminal: its assertions stop working", async () => {
    const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
    const jwk = await exportJWK(publicKey);
    await admin("PUT", "/v1/admin/operators/op-a/terminals/stb-off", { publicJwk: jwk });
    await admin("PUT", "/v1/admin/operators/op-a/terminals/stb-off", { publicJwk: jwk, status: "disabled" });
    expect(
      await errorCode(
        await h.call({ terminalId: "stb-off", operatorId: "op-a", privateKey }, "GET", "/v1/portal"),
      ),
    ).toBe("terminal_unauthorized");
  });

  it("lists providers with their services and without secrets", async () => {
    const body = JSON.stringify(await (await admin("GET", "/v1/admin/providers")).json());
    expect(body).toContain("svc-pin");
    expect(body).not.toContain("whsec_");
    expect(body).not.toContain(h.providerKey);
  });
});

describe("operator: household links", () => {
  it("records the household link that the TV then shows", async () => {
    const { card, cableId } = await registeredCard(h);
    const put = await h.app.request(`/v1/operator/cable-ids/${cableId}/household-link`, {
      method: "PUT",
      headers: { authorization: `Bearer ${h.operatorKeys.a}`, "content-type": "application/json" },
      body: JSON.stringify({ status: "linked" }),
    });
    expect(put.status).toBe(204);
    const tokens = (await (await loginWithPin(h, h.terminals.a1, card)).json()) as Tokens;
    expect(
      await (await h.call(h.terminals.a1, "GET", "/v1/me", undefined, tokens.accessToken)).json(),
    ).toMatchObject({ householdLink: "linked" });
  });

  it("does not reveal another operator's viewer (not_found)", async () => {
    const { cableId } = await registeredCard(h);
    const res = await h.app.request(`/v1/operator/cable-ids/${cableId}/household-link`, {
      method: "PUT",
      headers: { authorization: `Bearer ${h.operatorKeys.b}`, "content-type": "application/json" },
      body: JSON.stringify({ status: "linked" }),
    });
    expect(await errorCode(res)).toBe("not_found");
  });
});
