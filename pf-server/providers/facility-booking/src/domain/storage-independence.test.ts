import { fileURLToPath } from "node:url";
import { storageImportsIn } from "@catv/provider-kit/testing";
import { describe, expect, it } from "vitest";

describe("the domain", () => {
  it("imports no database driver, ORM or storage module, only its repository interfaces", () => {
    expect(storageImportsIn(fileURLToPath(new URL(".", import.meta.url)))).toEqual([]);
  });
});
