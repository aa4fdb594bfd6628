import { errorBodySchema, operatorEventSchema } from "@catv/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createHarness,
  type Harness,
  pfDoubleRoutes,
  registeredEvent,
  updatedEvent,
  usageEvent,
  yamadaTaro,
} from "./harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

/** A request to each route the PF double imitates, as the console's PF client makes it. */
const requests: { method: "GET" | "POST" | "PUT"; path: string; body?: unknown }[] = [
  {
    method: "PUT",
    path: "/v1/operator/cable-ids/AAAA-AAAA-AAAA-0001/household-link",
    body: { status: "linked" },
  },
  {
    method: "POST",
    path: "/v1/operator/assisted-registrations",
    body: { terminalId: "stb-a-0001", contractId: "NT-00001", memberId: "m-1" },
  },
  { method: "POST", path: "/v1/operator/settlements", body: {} },
  { method: "GET", path: "/v1/operator/fee-statements/2026-05" },
  { method: "GET", path: "/v1/operator/sessions" },
];

async function send(request: (typeof requests)[number]) {
  const res = await fetch(`${h.pf.url}${request.path}`, {
    method: request.method,
    headers: { "content-type": "application/json" },
    ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

describe("the console's PF double, held to the contracts", () => {
  it("answers every operator-API route it imitates with a body the contract schema parses", async () => {
    const answered = new Set<(typeof pfDoubleRoutes)[number]>();
    for (const request of requests) {
      const route = pfDoubleRoutes.find((r) => r.method === request.method && r.path.test(request.path));
      expect(route, `${request.method} ${request.path}`).toBeDefined();
      const { status, body } = await send(request);
      expect(status).toBeLessThan(300);
      if (route?.schema) expect(route.schema.safeParse(body).error).toBeUndefined();
      else expect(body).toBeUndefined();
      if (route) answered.add(route);
    }
    expect(pfDoubleRoutes.filter((r) => !answered.has(r)).map((r) => `${r.method} ${r.path}`)).toEqual([]);
  });

  it("answers a route it does not imitate with the PF's error body", async () => {
    const { status, body } = await send({ method: "GET", path: "/v1/operator/unknown" });
    expect(status).toBe(404);
    expect(errorBodySchema.parse(body).error.code).toBe("not_found");
  });

  it("builds webhook events the operator-event contract parses", async () => {
    const events = [
      registeredEvent("AAAA-AAAA-AAAA-0001", yamadaTaro, {
        assisted: { contractId: "NT-00001", memberId: "m-1" },
      }),
      updatedEvent("AAAA-AAAA-AAAA-0001", yamadaTaro, "reissued"),
      usageEvent("u-1", "AAAA-AAAA-AAAA-0001", 1100, "2026-06-01T00:00:00.000Z"),
      usageEvent("u-2", "AAAA-AAAA-AAAA-0001", 1100, "2026-06-02T00:00:00.000Z", {
        kind: "reversal",
        reverses: "u-1",
      }),
    ];
    for (const event of events) expect(operatorEventSchema.safeParse(event).error).toBeUndefined();
  });
});
