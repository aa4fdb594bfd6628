import { includedTax } from "@catv/contracts/invoice-tax";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../open-database.ts";
import { type ConsoleTestDatabase, openConsoleTestDatabase } from "./test-database.ts";

// The monthly close computes each statement's tax in SQL: SQLite's included_tax() calls the shared rule, and
// PostgreSQL's is a SQL function its migration creates. They must give the same yen for every total.
let testDatabase: ConsoleTestDatabase;
beforeAll(async () => {
  testDatabase = await openConsoleTestDatabase();
});
afterAll(async () => {
  await testDatabase.drop();
});

/** Totals around every boundary of truncation, negative ones (reversals over charges) and large ones. */
const totals = [
  ...Array.from({ length: 2_000 }, (_, i) => i - 1_000),
  ...Array.from({ length: 500 }, (_, i) => 108 * i + 107),
  ...Array.from({ length: 500 }, (_, i) => 110 * i + 109),
  9_999_999,
  -9_999_999,
  123_456_789,
  2_147_483_647,
  -2_147_483_648,
];
const rates = [10, 8, 0];

/** included_tax of every total at every rate, computed by the PostgreSQL function in one query. */
const postgresTaxes = () =>
  testDatabase.opened.pool.query<{ total: string; rate: number; tax: string }>(
    `SELECT t AS total, r AS rate, included_tax(t, r) AS tax
     FROM unnest($1::bigint[]) AS t CROSS JOIN unnest($2::int[]) AS r`,
    [totals, rates],
  );

describe("included_tax in SQL", () => {
  it("gives in PostgreSQL the same tax as the shared invoice-tax rule", async () => {
    const { rows } = await postgresTaxes();
    expect(rows).toHaveLength(totals.length * rates.length);
    const differing = rows.filter((row) => Number(row.tax) !== includedTax(Number(row.total), row.rate));
    expect(differing).toEqual([]);
  });

  it("gives in PostgreSQL the same tax as SQLite's included_tax", async () => {
    const sqlite = openDatabase(":memory:");
    try {
      const sqliteTax = sqlite.$client.prepare("SELECT included_tax(?, ?) AS tax");
      const { rows } = await postgresTaxes();
      const differing = rows.filter(
        (row) => Number(row.tax) !== (sqliteTax.get(Number(row.total), row.rate) as { tax: number }).tax,
      );
      expect(differing).toEqual([]);
    } finally {
      sqlite.$client.close();
    }
  });
});
