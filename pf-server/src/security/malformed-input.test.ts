/**
 * Attacks with malformed requests: bodies over the endpoint's limit (declared or streamed), deeply nested or broken
 * JSON, wrong types. Each gets a coded answer, nothing is stored, and the PF keeps answering.
 */
import { describe, expect, it } from "vitest";
import { harnessForFile, registeredCard } from "../testing/harness-for-file.ts";
import { errorCode, loginWithPin } from "../testing/pf-harness.ts";

const h = harnessForFile();

const post = async (path: string, body: string, headers: Record<string, string> = {}) =>
  h.app.request(path, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-terminal-assertion": await h.assertion(h.terminals.a1, "POST", path),
      ...headers,
    },
    body,
  });
/** A body streamed in chunks without a Content-Length. */
const streamed = (text: string) => {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += 4096) controller.enqueue(bytes.subarray(i, i + 4096));
      controller.close();
    },
  });
};

describe("malformed requests", () => {
  it("refuses a registration body over 32 KiB with payload_too_large", async () => {
    const res = await post("/v1/registrations", JSON.stringify({ challengeId: "x".repeat(40 * 1024) }));
    expect(await errorCode(res)).toBe("payload_too_large");
  });

  it("refuses a streamed PIN-less body over 32 KiB without a Content-Length (payload_too_large)", async () => {
    const res = h.app.request("/v1/pinless/start", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-terminal-assertion": await h.assertion(h.terminals.a1, "POST", "/v1/pinless/start"),
      },
      body: streamed(JSON.stringify({ authenticationCertificate: "A".repeat(64 * 1024) })),
      duplex: "half",
    } as RequestInit);
    expect(await errorCode(await res)).toBe("payload_too_large");
  });

  it("answers a deeply nested JSON body with validation_failed", async () => {
    const depth = 10_000;
    const nested = `${"[".repeat(depth)}${"]".repeat(depth)}`;
    const res = await post(
      "/v1/pinless/start",
      `{"authenticationCertificate":${nested},"cardVerifiableCertificate":"AA=="}`,
    );
    expect(await errorCode(res)).toBe("validation_failed");
  });

  it("answers JSON that does not parse with validation_failed", async () => {
    expect(await errorCode(await post("/v1/sessions", '{"challengeId": "x",'))).toBe("validation_failed");
  });

  it("answers a field of the wrong type with validation_failed, naming the field but not echoing its value", async () => {
    const res = await post(
      "/v1/sessions",
      JSON.stringify({ challengeId: 42, authenticationCertificate: ["secret-value"], signature: "AA==" }),
    );
    const text = await res.text();
    expect(JSON.parse(text).error.code).toBe("validation_failed");
    expect(text).toContain("authenticationCertificate");
    expect(text).not.toContain("secret-value");
  });

  it("ignores a __proto__ member in a body and pollutes nothing", async () => {
    const res = await post("/v1/challenges", '{"purpose":"login","__proto__":{"polluted":true}}');
    expect(res.status).toBe(201);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("keeps serving logins after the malformed requests", async () => {
    const { card } = await registeredCard(h);
    expect((await loginWithPin(h, h.terminals.a1, card)).status).toBe(200);
  });
});
