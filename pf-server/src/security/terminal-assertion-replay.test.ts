/**
 * Attacks with a captured terminal assertion (the signed header every STB call carries): sent again to the same
 * PF, to the PF after a restart, to a second PF instance on the same database, or many times at once. The jti is
 * remembered in the database, so each replay is refused (`terminal_unauthorized`).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../http/app.ts";
import { createSqliteStore } from "../storage/sqlite/sqlite-store.ts";
import { harnessForFile } from "../testing/harness-for-file.ts";
import { ADMIN_TOKEN, errorCode } from "../testing/pf-harness.ts";

const h = harnessForFile();
const dir = mkdtempSync(join(tmpdir(), "pf-replay-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const portal = (app: { request: typeof h.app.request }, assertion: string) =>
  app.request("/v1/portal", { headers: { "x-terminal-assertion": assertion } });
const newInstance = (ctx = h.ctx) =>
  createApp(ctx, {
    adminToken: ADMIN_TOKEN,
    tvOrigins: ["http://tv.test"],
    challengeRateLimit: { capacity: 1000, refillPerSecond: 100 },
  });

describe("terminal-assertion replay", () => {
  it("refuses an assertion replayed to the same PF", async () => {
    const assertion = await h.assertion(h.terminals.a1, "GET", "/v1/portal");
    expect((await portal(h.app, assertion)).status).toBe(200);
    expect(await errorCode(await portal(h.app, assertion))).toBe("terminal_unauthorized");
  });

  it("refuses an assertion replayed after the PF restarted (fresh process state, same database)", async () => {
    const assertion = await h.assertion(h.terminals.a1, "GET", "/v1/portal");
    expect((await portal(h.app, assertion)).status).toBe(200);
    const restarted = newInstance();
    expect(await errorCode(await portal(restarted, assertion))).toBe("terminal_unauthorized");
  });

  it("refuses an assertion replayed to a second PF instance that shares the database file", async () => {
    const file = join(dir, "pf.sqlite");
    const first = createSqliteStore(file);
    const second = createSqliteStore(file);
    try {
      // The tenants live in the harness's database: copy what terminal authentication reads.
      for (const store of [first, second]) {
        for (const operator of await h.ctx.store.tenants.listOperators()) {
          await store.tenants.upsertOperator(operator);
          for (const terminal of await h.ctx.store.tenants.listTerminals(operator.id))
            await store.tenants.upsertTerminal(terminal);
        }
      }
      const instanceOne = newInstance({ ...h.ctx, store: first });
      const instanceTwo = newInstance({ ...h.ctx, store: second });
      const assertion = await h.assertion(h.terminals.a1, "GET", "/v1/portal");
      expect((await portal(instanceOne, assertion)).status).toBe(200);
      expect(await errorCode(await portal(instanceTwo, assertion))).toBe("terminal_unauthorized");
    } finally {
      first.close();
      second.close();
    }
  });

  it("lets exactly one of ten concurrent copies of an assertion through", async () => {
    const assertion = await h.assertion(h.terminals.a1, "GET", "/v1/portal");
    const statuses = await Promise.all(
      Array.from({ length: 10 }, async () => (await portal(h.app, assertion)).status),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
  });
});
