import { translateConnectionLoss } from "@catv/postgres";
import { describe, expect, it } from "vitest";
import { fail } from "./errors.ts";
import { failureFields } from "./failure-fields.ts";

const lostConnection = () =>
  Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" });

describe("failure fields of a background job's log line", () => {
  it("names a lost database connection service_unavailable under the running PF's translation", () => {
    expect(failureFields(lostConnection(), translateConnectionLoss)).toEqual({
      error: "ServiceUnavailableError",
      code: "service_unavailable",
    });
  });

  it("names a connection loss wrapped by the query builder by its cause too", () => {
    const wrapped = new Error("Failed query: insert into audit_events … params: 1234", {
      cause: lostConnection(),
    });
    expect(failureFields(wrapped, translateConnectionLoss)).toEqual({
      error: "ServiceUnavailableError",
      code: "service_unavailable",
    });
  });

  it("keeps another error's name and code, and never its message", () => {
    const duplicate = Object.assign(new Error('duplicate key value violates "x" (secret-parameter)'), {
      code: "23505",
    });
    const fields = failureFields(duplicate, translateConnectionLoss);
    expect(fields).toEqual({ error: "Error", code: "23505" });
    expect(JSON.stringify(fields)).not.toContain("secret-parameter");
  });

  it("gives a coded error's own code", () => {
    expect(failureFields(fail("revocation_unavailable"))).toEqual({
      error: "PfError",
      code: "revocation_unavailable",
    });
  });

  it("leaves out a code that is not a plain token, and names a thrown non-Error unknown", () => {
    expect(failureFields(Object.assign(new TypeError("x"), { code: "a b=c" }))).toEqual({
      error: "TypeError",
    });
    expect(failureFields("a string")).toEqual({ error: "unknown" });
  });
});
