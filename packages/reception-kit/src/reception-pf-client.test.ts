import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReceptionPfClient, ReceptionPfError } from "./reception-pf-client.ts";
import { receptionRoutes } from "./reception-routes.ts";
import { type ReceptionPfDouble, startReceptionPfDouble } from "./testing/reception-pf-double.ts";
import { makeTestTerminal, type TestTerminal } from "./testing/test-terminal.ts";

let pf: ReceptionPfDouble;
let terminal: TestTerminal;
let odd: Server;
let oddUrl: string;
let oddAnswer: (response: import("node:http").ServerResponse) => void = () => undefined;

beforeAll(async () => {
  terminal = await makeTestTerminal("rcp-minato-0001");
  pf = await startReceptionPfDouble({
    verifiers: [{ verifierId: "ins-sakata-kokuho", name: "酒田市国民健康保険（デモ）" }],
    institutions: [
      {
        id: "med-minato",
        name: "日本海みなと病院（デモ）",
        medicalInstitutionCode: "0610499996",
        apiKey: "k",
        sites: [{ siteId: "s", name: "外来受付", verifierIds: ["ins-sakata-kokuho"], terminals: [terminal] }],
      },
    ],
  });
  odd = createServer((_request, response) => oddAnswer(response));
  await new Promise<void>((resolve) => odd.listen(0, "127.0.0.1", resolve));
  oddUrl = `http://127.0.0.1:${(odd.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await pf.close();
  odd.closeAllConnections();
  odd.close();
});

const failureOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ReceptionPfError);
  return (error as ReceptionPfError).failure;
};

describe("the reception PF client", () => {
  it("returns the PF's answer parsed by the contract", async () => {
    const client = createReceptionPfClient({ pfUrl: pf.url });
    const site = await client.site(await terminal.assert("GET", receptionRoutes.site.path));
    expect(site).toMatchObject({ siteId: "s", medicalInstitutionCode: "0610499996" });
  });

  it("reports the PF's refusal with its code and status", async () => {
    const client = createReceptionPfClient({ pfUrl: pf.url });
    const stale = await terminal.assert("GET", receptionRoutes.site.path, { iatOffsetSeconds: -600 });
    expect(await failureOf(client.site(stale))).toMatchObject({
      kind: "refused",
      status: 401,
      code: "terminal_unauthorized",
    });
  });

  it("reports a PF that does not listen as unreachable", async () => {
    const client = createReceptionPfClient({ pfUrl: "http://127.0.0.1:9" });
    expect(await failureOf(client.site("x"))).toEqual({ kind: "unreachable", reason: "network" });
  });

  it("reports a PF that does not answer in time as unreachable", async () => {
    oddAnswer = () => undefined;
    const client = createReceptionPfClient({ pfUrl: oddUrl, timeoutMs: 200 });
    expect(await failureOf(client.site("x"))).toEqual({ kind: "unreachable", reason: "timeout" });
  });

  it("reports a gateway's page in place of the PF as unreachable", async () => {
    oddAnswer = (response) =>
      response.writeHead(502, { "content-type": "text/html" }).end("<h1>Bad Gateway</h1>");
    const client = createReceptionPfClient({ pfUrl: oddUrl });
    expect(await failureOf(client.site("x"))).toEqual({ kind: "unreachable", reason: "network" });
  });

  it("reports a success body the contract refuses as an invalid answer", async () => {
    oddAnswer = (response) =>
      response.writeHead(200, { "content-type": "application/json" }).end('{"siteId":"s"}');
    const client = createReceptionPfClient({ pfUrl: oddUrl });
    expect(await failureOf(client.site("x"))).toEqual({ kind: "invalid_answer", status: 200 });
  });
});
