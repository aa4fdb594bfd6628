import { describe, expect, it } from "vitest";
import { generateDemoCredentials } from "./demo-credentials.ts";
import { providerStaffLines } from "./provider-staff-lines.ts";

describe("the providers' staff logins npm start prints", () => {
  it("names each provider's staff page with its demo login", () => {
    const credentials = generateDemoCredentials();
    const services = new Map([
      [
        "facility",
        { url: "http://127.0.0.1:7030", declaration: { links: [{ label: "Staff page", path: "/staff" }] } },
      ],
      [
        "healthcare",
        { url: "http://127.0.0.1:7040", declaration: { links: [{ label: "Staff page", path: "/staff" }] } },
      ],
    ]);
    const [facility, healthcare] = credentials.providers;
    expect(providerStaffLines(credentials, { services })).toEqual([
      `  ${facility!.name.padEnd(16)} http://127.0.0.1:7030/staff   staff / ${facility!.staff.password}`,
      `  ${healthcare!.name.padEnd(16)} http://127.0.0.1:7040/staff   staff / ${healthcare!.staff.password}`,
    ]);
  });
});
