import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Repositories } from "../domain/repositories.ts";
import { type Db, openDatabase } from "./open-database.ts";
import { createRepositories } from "./repositories.ts";

let db: Db;
let repos: Repositories;
const entry = (action: string) => ({
  operatorId: "op-x",
  at: "2026-06-01T00:00:00.000Z",
  staffLoginId: "tester",
  action,
  householdId: null,
  contractId: null,
  detail: "-",
  requestId: "r",
});
const actions = async () => (await repos.audit.list("op-x", { limit: 100 })).map((a) => a.action).sort();

beforeEach(() => {
  db = openDatabase(":memory:");
  repos = createRepositories(db);
});
afterEach(() => db.$client.close());

const aMoment = () => new Promise((resolve) => setTimeout(resolve, 20));

/** A promise and the function that settles it, to hold a unit of work open between two of its statements. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe("the SQLite unit of work", () => {
  it("commits everything a unit of work wrote together", async () => {
    await repos.transaction(async (tx) => {
      await tx.audit.append(entry("a"));
      await tx.audit.append(entry("b"));
    });
    expect(await actions()).toEqual(["a", "b"]);
  });

  it("rolls back everything a unit of work wrote when it throws", async () => {
    await expect(
      repos.transaction(async (tx) => {
        await tx.audit.append(entry("a"));
        throw new Error("refused half-way");
      }),
    ).rejects.toThrow("refused half-way");
    expect(await actions()).toEqual([]);
  });

  it("lets an outer call wait until the open unit of work has ended, then see what it committed", async () => {
    const hold = gate();
    const unit = repos.transaction(async (tx) => {
      await tx.audit.append(entry("inside"));
      await hold.opened;
    });
    await aMoment();
    let seen: string[] | undefined;
    const outer = actions().then((list) => {
      seen = list;
    });
    await aMoment();
    expect(seen).toBeUndefined();
    hold.open();
    await Promise.all([unit, outer]);
    expect(seen).toEqual(["inside"]);
  });

  it("keeps an outer write out of a unit of work that then rolls back", async () => {
    const hold = gate();
    const unit = repos.transaction(async (tx) => {
      await tx.audit.append(entry("rolled back"));
      await hold.opened;
      throw new Error("rollback");
    });
    await aMoment();
    const outer = repos.audit.append(entry("outside"));
    hold.open();
    await expect(unit).rejects.toThrow("rollback");
    await outer;
    expect(await actions()).toEqual(["outside"]);
  });

  it("runs units of work one after another, never interleaved", async () => {
    const order: string[] = [];
    const hold = gate();
    const first = repos.transaction(async (tx) => {
      order.push("first begins");
      await hold.opened;
      await tx.audit.append(entry("first"));
      order.push("first ends");
    });
    const second = repos.transaction(async (tx) => {
      order.push("second begins");
      await tx.audit.append(entry("second"));
      order.push("second ends");
    });
    await aMoment();
    hold.open();
    await Promise.all([first, second]);
    expect(order).toEqual(["first begins", "first ends", "second begins", "second ends"]);
  });

  it("joins the unit of work in progress when its repositories start another", async () => {
    await expect(
      repos.transaction(async (tx) => {
        await tx.transaction(async (inner) => inner.audit.append(entry("nested")));
        throw new Error("outer fails");
      }),
    ).rejects.toThrow("outer fails");
    expect(await actions()).toEqual([]);
  });

  it("refuses a call through the outer repositories from inside a unit of work, which would wait for itself", async () => {
    await expect(repos.transaction(async () => repos.audit.append(entry("wrong door")))).rejects.toThrow(
      /use the ones transaction\(\) gives it/,
    );
    expect(await actions()).toEqual([]);
  });

  it("refuses a unit of work's repositories once it has ended", async () => {
    let kept: Repositories | undefined;
    await repos.transaction(async (tx) => {
      kept = tx;
    });
    await expect(kept?.audit.append(entry("late"))).rejects.toThrow(/after it ended/);
  });
});
