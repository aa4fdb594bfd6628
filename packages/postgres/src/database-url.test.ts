import { describe, expect, it } from "vitest";
import { chooseDatabase, redactDatabaseUrl, UnsupportedDatabaseUrlError } from "./database-url.ts";

describe("chooseDatabase", () => {
  it("keeps the service's SQLite file when DATABASE_URL is unset", () => {
    expect(chooseDatabase(undefined, "/data/console.sqlite")).toEqual({
      kind: "sqlite",
      file: "/data/console.sqlite",
    });
  });

  it("keeps the service's SQLite file when DATABASE_URL is empty", () => {
    expect(chooseDatabase("  ", "/data/console.sqlite")).toEqual({
      kind: "sqlite",
      file: "/data/console.sqlite",
    });
  });

  it("chooses PostgreSQL for a postgres:// or postgresql:// URL", () => {
    expect(chooseDatabase("postgres://u:p@db:5432/console", "x")).toEqual({
      kind: "postgres",
      url: "postgres://u:p@db:5432/console",
    });
    expect(chooseDatabase("postgresql://db/console", "x").kind).toBe("postgres");
  });

  it("reads a file: URL as a SQLite path", () => {
    expect(chooseDatabase("file:/srv/console.sqlite", "x")).toEqual({
      kind: "sqlite",
      file: "/srv/console.sqlite",
    });
    expect(chooseDatabase("file:///srv/console.sqlite", "x")).toEqual({
      kind: "sqlite",
      file: "/srv/console.sqlite",
    });
    expect(chooseDatabase("file:data/console.sqlite", "x")).toEqual({
      kind: "sqlite",
      file: "data/console.sqlite",
    });
  });

  it("reads a plain path as a SQLite path", () => {
    expect(chooseDatabase("/srv/console.sqlite", "x")).toEqual({
      kind: "sqlite",
      file: "/srv/console.sqlite",
    });
  });

  it("refuses a URL of a scheme it does not know instead of guessing", () => {
    expect(() => chooseDatabase("postgress://db/console", "x")).toThrow(UnsupportedDatabaseUrlError);
    expect(() => chooseDatabase("mysql://db/console", "x")).toThrow(/scheme "mysql:"/);
  });
});

describe("redactDatabaseUrl", () => {
  it("hides the password of a URL", () => {
    expect(redactDatabaseUrl("postgres://console:s3cr3t@db:5432/console")).toBe(
      "postgres://console:***@db:5432/console",
    );
  });

  it("leaves a URL without a password as it is", () => {
    expect(redactDatabaseUrl("postgres://db/console")).toBe("postgres://db/console");
  });
});
