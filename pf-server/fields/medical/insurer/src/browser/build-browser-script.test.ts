import { describe, expect, it } from "vitest";
import { buildRegistrationScript } from "./build-browser-script.ts";

describe("the registration page's script", () => {
  it("bundles for the browser with the reader firmware's driver and no Node built-in", async () => {
    const script = await buildRegistrationScript();
    expect(script).toContain("registration-config");
    expect(script).toContain("navigator");
    expect(script).not.toMatch(/from\s*"node:|require\("node:/);
  });
});
