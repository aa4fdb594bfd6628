/**
 * Integration: J-LIS publishes a CRL of a million synthetic revocations plus the real ones; the PF loads it in a
 * worker while logins go on. The new CRL's download is held half-way until a login with a good card has been
 * answered, so that login provably ran while the CRL was being read; then the load completes and the serial
 * J-LIS listed after the million synthetic entries is found.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishCrl } from "../jlis/domain/publish-crl.ts";
import { registeredCard } from "../testing/harness-for-file.ts";
import { createHarness, errorCode, type Harness, loginWithPin } from "../testing/pf-harness.ts";

const COUNT = 1_000_000;
let h: Harness;
beforeAll(async () => {
  h = await createHarness({ syntheticRevocations: { count: COUNT, seed: "crl-at-scale" } });
}, 120_000);
afterAll(() => h?.close());

/** Forwards J-LIS's full 利用者証明用 CRL but stops after half its bytes until `release` is called. */
function holdCrlHalfway(harness: Harness) {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let reachedHalf = () => {};
  const halfway = new Promise<void>((resolve) => {
    reachedHalf = resolve;
  });
  harness.interceptJlis(async (request, forward) => {
    const response = await forward(request);
    if (new URL(request.url).pathname !== "/crl/auth.crl" || response.status !== 200 || !response.body)
      return response;
    const total = Number(response.headers.get("content-length"));
    const reader = response.body.getReader();
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent >= total / 2) {
          reachedHalf();
          await released;
        }
        const { done, value } = await reader.read();
        if (done) controller.close();
        else {
          sent += value.length;
          controller.enqueue(value);
        }
      },
    });
    return new Response(body, { status: 200, headers: response.headers });
  });
  return { halfway, release };
}

describe("a CRL of a million entries", () => {
  it("a login with a good card is answered while the new CRL loads, and the serial listed last is then found", async () => {
    // Registered through the CRL operator's STB: the first registration loads the million-entry CRL.
    const good = await registeredCard(h, h.terminals.b1);
    const lost = await registeredCard(h, h.terminals.b1);
    expect(h.ctx.crl.describe("auth")?.full.entries).toBe(COUNT);

    // The card is lost: J-LIS revokes it and publishes a new full CRL listing it after the synthetic entries.
    expect((await h.jlisAdmin(`/admin/residents/${lost.residentId}/report-loss`, {})).status).toBe(200);
    const newFull = await publishCrl(h.jlis.ctx, "auth", "full");

    const hold = holdCrlHalfway(h);
    let settled = false;
    const loading = h.ctx.crl.refresh("auth").finally(() => {
      settled = true;
    });
    await hold.halfway;
    const login = await loginWithPin(h, h.terminals.b1, good.card);
    expect(login.status).toBe(200);
    expect(settled).toBe(false);

    hold.release();
    await loading;
    h.interceptJlis(undefined);
    const inUse = h.ctx.crl.describe("auth");
    expect(inUse?.full).toMatchObject({ crlNumber: BigInt(newFull.crlNumber), entries: COUNT + 1 });
    expect(inUse?.delta?.entries).toBe(0);
    expect(await errorCode(await loginWithPin(h, h.terminals.b1, lost.card))).toBe("certificate_revoked");
    expect(await errorCode(await loginWithPin(h, h.terminals.b1, good.card))).not.toBe("certificate_revoked");
  }, 120_000);
});
