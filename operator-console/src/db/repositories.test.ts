import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Repositories } from "../domain/repositories.ts";
import { type Db, openDatabase } from "./open-database.ts";
import { createRepositories } from "./repositories.ts";

// What every implementation promises is in repositories.contract.ts (run by sqlite-repositories.test.ts and
// postgres/repositories.test.ts). Here: how the SQLite gate keeps that promise on its one connection.

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
});
