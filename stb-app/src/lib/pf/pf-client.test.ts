import { describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error.ts";
import { PfClient, type TokenResponse } from "./pf-client.ts";

const tokens = (access: string): TokenResponse => ({
  accessToken: access,
  refreshToken: `r-${access}`,
  expiresIn: 900,
  acr: "urn:catv:acr:pin",
  cableId: "AB12-CD34-EF56-GH78",
});

function fakeFetch(handler: (url: string, init: RequestInit) => Response) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fn = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return handler(url, init);
  }) as unknown as typeof fetch;
  return { fn, calls };
}
const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe("PF client", () => {
  it("signs every request with a terminal assertion bound to the method and path", async () => {
    const { fn, calls } = fakeFetch(() => json(200, { operatorId: "op", services: [] }));
    const client = new PfClient({
      baseUrl: "http://pf/",
      assert: async (m, p) => `jws:${m}:${p}`,
      fetch: fn,
    });
    await client.portal();
    expect(calls[0]?.url).toBe("http://pf/v1/portal");
    expect((calls[0]!.init.headers as Record<string, string>)["x-terminal-assertion"]).toBe(
      "jws:GET:/v1/portal",
    );
  });

  it("turns the PF's error body into an AppError with its code, request ID and tries left", async () => {
    const { fn } = fakeFetch(() =>
      json(404, { error: { code: "card_not_registered", message: "no", requestId: "req-1" } }),
    );
    const client = new PfClient({ baseUrl: "http://pf", assert: async () => "a", fetch: fn });
    await expect(
      client.startPinless({ authenticationCertificate: "AAAA", cardVerifiableCertificate: "AAAA" }),
    ).rejects.toMatchObject({
      code: "card_not_registered",
      requestId: "req-1",
    });
  });

  it("reports an unreachable PF as the network being down", async () => {
    const fn = (async () => {
      throw new TypeError("Failed to fetch");
    }) as unknown as typeof fetch;
    const client = new PfClient({ baseUrl: "http://pf", assert: async () => "a", fetch: fn });
    await expect(client.portal()).rejects.toMatchObject({ code: "network_down" });
  });

  it("refreshes an expired access token once and retries the call", async () => {
    const { fn, calls } = fakeFetch((url, init) => {
      const auth = (init.headers as Record<string, string>).authorization;
      if (url.endsWith("/v1/sessions/refresh")) return json(200, tokens("new"));
      if (auth === "Bearer old")
        return json(401, { error: { code: "session_expired", message: "x", requestId: "r" } });
      return json(200, { cableId: "AB12-CD34-EF56-GH78", services: [] });
    });
    const client = new PfClient({ baseUrl: "http://pf", assert: async () => "a", fetch: fn });
    client.setSession(tokens("old"));
    await client.me();
    expect(calls.map((c) => c.url.replace("http://pf", ""))).toEqual([
      "/v1/me",
      "/v1/sessions/refresh",
      "/v1/me",
    ]);
    expect(client.session?.accessToken).toBe("new");
  });

  it("refreshes once for calls that expire together and retries each (the PF's refresh token is single use)", async () => {
    let refreshes = 0;
    const { fn } = fakeFetch((url, init) => {
      const auth = (init.headers as Record<string, string>).authorization;
      if (url.endsWith("/v1/sessions/refresh")) {
        refreshes += 1;
        const { refreshToken } = JSON.parse(String(init.body)) as { refreshToken: string };
        return refreshToken === "r-old"
          ? json(200, tokens("new"))
          : json(401, { error: { code: "session_revoked", message: "used", requestId: "r" } });
      }
      if (auth === "Bearer old")
        return json(401, { error: { code: "session_expired", message: "x", requestId: "r" } });
      return json(200, { ok: true });
    });
    const client = new PfClient({ baseUrl: "http://pf", assert: async () => "a", fetch: fn });
    client.setSession(tokens("old"));
    const calls = ["summary", "steps", "notices"].map((path) => client.service("healthcare", "GET", path));
    await expect(Promise.all(calls)).resolves.toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    expect(refreshes).toBe(1);
    expect(client.session?.accessToken).toBe("new");
  });

  it("refuses a viewer call without a session", async () => {
    const { fn } = fakeFetch(() => json(200, {}));
    const client = new PfClient({ baseUrl: "http://pf", assert: async () => "a", fetch: fn });
    await expect(client.me()).rejects.toBeInstanceOf(AppError);
  });

  it("forgets the session on logout even when the PF is unreachable", async () => {
    const fn = (async () => {
      throw new TypeError("offline");
    }) as unknown as typeof fetch;
    const client = new PfClient({ baseUrl: "http://pf", assert: async () => "a", fetch: fn });
    client.setSession(tokens("t"));
    await expect(client.logout()).rejects.toMatchObject({ code: "network_down" });
    expect(client.session).toBeNull();
  });
});
