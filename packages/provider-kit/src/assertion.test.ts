import { CodedError } from "@catv/service-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { assertPinLevel, createAssertionVerifier } from "./assertion.ts";
import { type PfDouble, startPfDouble } from "./testing/pf-double.ts";

let pf: PfDouble;
const sub = "pw-0123456789abcdef";
beforeAll(async () => {
  pf = await startPfDouble({ apiKey: "k" });
});
afterAll(() => pf.close());

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "verified";
  } catch (err) {
    return err instanceof CodedError ? err.code : `unexpected ${(err as Error).name}`;
  }
}

describe("PF assertion verification", () => {
  it("accepts an assertion signed with the PF's published key for this provider", async () => {
    const verify = createAssertionVerifier({ pfUrl: pf.url, providerId: "prov-facility" });
    const claims = await verify(
      await pf.assertion({ sub, aud: "prov-facility", acr: "urn:catv:acr:pinless" }),
    );
    expect(claims.sub).toBe(sub);
    expect(claims.acr).toBe("urn:catv:acr:pinless");
  });

  it("refuses an assertion signed with a key the PF does not publish", async () => {
    const verify = createAssertionVerifier({ pfUrl: pf.url, providerId: "prov-facility" });
    const token = await pf.assertion({ sub, aud: "prov-facility", foreignKey: true });
    expect(await codeOf(verify(token))).toBe("assertion_invalid");
  });

  it("refuses an assertion whose payload was altered after signing", async () => {
    const verify = createAssertionVerifier({ pfUrl: pf.url, providerId: "prov-facility" });
    const [h, p, s] = (await pf.assertion({ sub, aud: "prov-facility" })).split(".");
    const payload = JSON.parse(Buffer.from(p!, "base64url").toString());
    payload.sub = "pw-someone-else-entirely";
    const forged = `${h}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}.${s}`;
    expect(await codeOf(verify(forged))).toBe("assertion_invalid");
  });

  it("refuses an assertion addressed to another provider", async () => {
    const verify = createAssertionVerifier({ pfUrl: pf.url, providerId: "prov-facility" });
    const token = await pf.assertion({ sub, aud: "prov-healthcare" });
    expect(await codeOf(verify(token))).toBe("assertion_wrong_audience");
  });

  it("refuses an expired assertion", async () => {
    const verify = createAssertionVerifier({ pfUrl: pf.url, providerId: "prov-facility" });
    const token = await pf.assertion({ sub, aud: "prov-facility", expiresIn: -30 });
    expect(await codeOf(verify(token))).toBe("assertion_expired");
  });

  it("refuses an assertion from another issuer", async () => {
    const verify = createAssertionVerifier({ pfUrl: pf.url, providerId: "prov-facility" });
    const token = await pf.assertion({ sub, aud: "prov-facility", iss: "https://evil.example" });
    expect(await codeOf(verify(token))).toBe("assertion_wrong_issuer");
  });

  it("refuses an assertion presented a second time (replay)", async () => {
    const verify = createAssertionVerifier({ pfUrl: pf.url, providerId: "prov-facility" });
    const token = await pf.assertion({ sub, aud: "prov-facility" });
    expect(await codeOf(verify(token))).toBe("verified");
    expect(await codeOf(verify(token))).toBe("assertion_replayed");
  });

  it("refuses something that is not a JWT at all", async () => {
    const verify = createAssertionVerifier({ pfUrl: pf.url, providerId: "prov-facility" });
    expect(await codeOf(verify("not-a-jwt"))).toBe("assertion_invalid");
  });

  it("answers 503 when the PF's keys cannot be fetched", async () => {
    const verify = createAssertionVerifier({ pfUrl: "http://127.0.0.1:1", providerId: "prov-facility" });
    const token = await pf.assertion({ sub, aud: "prov-facility" });
    expect(await codeOf(verify(token))).toBe("pf_keys_unavailable");
  });

  it("asks for step-up when a paid action comes with a PIN-less assertion", async () => {
    const verify = createAssertionVerifier({ pfUrl: pf.url, providerId: "prov-facility" });
    const claims = await verify(
      await pf.assertion({ sub, aud: "prov-facility", acr: "urn:catv:acr:pinless" }),
    );
    expect(() => assertPinLevel(claims, "予約")).toThrow(
      expect.objectContaining({ code: "step_up_required" }),
    );
  });
});

describe("an assertion of another contract (the insurer's eligibility assertion)", () => {
  const claimsSchema = z.object({
    iss: z.string(),
    aud: z.string(),
    sub: z.string(),
    acr: z.string(),
    svc: z.literal("medical-eligibility"),
    iat: z.number(),
    exp: z.number(),
    jti: z.string(),
    requestId: z.string(),
  });

  it("returns the claims its own schema parses", async () => {
    const verify = createAssertionVerifier({ pfUrl: pf.url, providerId: "ins-a", claimsSchema });
    const token = await pf.assertion({
      sub,
      aud: "ins-a",
      svc: "medical-eligibility",
      claims: { requestId: "req-1" },
    });
    expect((await verify(token)).requestId).toBe("req-1");
  });

  it("refuses claims its schema refuses", async () => {
    const verify = createAssertionVerifier({ pfUrl: pf.url, providerId: "ins-a", claimsSchema });
    const token = await pf.assertion({
      sub,
      aud: "ins-a",
      svc: "facility-booking",
      claims: { requestId: "r" },
    });
    expect(await codeOf(verify(token))).toBe("assertion_invalid");
  });

  it("refuses an assertion issued longer ago than its maximum age, whatever its expiry", async () => {
    const verify = createAssertionVerifier({
      pfUrl: pf.url,
      providerId: "ins-a",
      claimsSchema,
      maxAgeSeconds: 120,
    });
    const token = await pf.assertion({
      sub,
      aud: "ins-a",
      svc: "medical-eligibility",
      claims: { requestId: "r" },
      expiresIn: 3600,
      issuedSecondsAgo: 600,
    });
    expect(await codeOf(verify(token))).toBe("assertion_expired");
  });
});
