import { describe, expect, it } from "vitest";
import { LoginThrottle } from "./log-in-staff.ts";

const minute = 60_000;

describe("LoginThrottle", () => {
  it("blocks a login ID after five failures within 15 minutes and lets it try again after", async () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < 5; i++) throttle.fail("id:a-staff", 0);
    expect(throttle.isBlocked("id:a-staff", 14 * minute)).toBe(true);
    expect(throttle.isBlocked("id:a-staff", 15 * minute + 1)).toBe(false);
  });

  it("forgets ended windows once many made-up login IDs have failed, keeping the live ones", async () => {
    const throttle = new LoginThrottle();
    for (let i = 0; i < 10_000; i++) throttle.fail(`id:made-up-${i}`, 0);
    for (let i = 0; i < 5; i++) throttle.fail("id:a-staff", 10 * minute);
    expect(throttle.trackedKeys).toBe(10_001);
    throttle.fail("id:another", 16 * minute);
    expect(throttle.trackedKeys).toBe(2);
    expect(throttle.isBlocked("id:a-staff", 16 * minute)).toBe(true);
  });
});
