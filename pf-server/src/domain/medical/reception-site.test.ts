import { describe, expect, it } from "vitest";
import { certificateWarnings } from "./reception-site.ts";

const now = new Date("2026-12-02T01:00:00Z");

describe("the warning before the card's certificate expires (ONS: 失効期限3か月前)", () => {
  it("warns staff when the certificate expires within three months", () => {
    expect(certificateWarnings("2027-02-20T14:59:59Z", now).map((w) => w.code)).toEqual([
      "card_certificate_expiring",
    ]);
  });

  it("does not warn when the certificate is valid for more than three months", () => {
    expect(certificateWarnings("2027-03-03T14:59:59Z", now)).toEqual([]);
  });

  it("does not warn when the expiry is not known", () => {
    expect(certificateWarnings(null, now)).toEqual([]);
  });
});
