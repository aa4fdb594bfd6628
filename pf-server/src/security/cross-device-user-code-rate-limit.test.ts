import { USER_CODE_ATTEMPTS_PER_WINDOW } from "@catv/contracts";
import { describe, expect, it } from "vitest";
import { phoneCall, startCrossDevice } from "../testing/cross-device.ts";
import { harnessForFile } from "../testing/harness-for-file.ts";
import { errorCode } from "../testing/pf-harness.ts";

const h = harnessForFile();

describe("user-code guessing (RFC 8628 §5.1)", () => {
  it("refuses even a right code once a phone has tried too many wrong ones (cross_device_too_many_attempts)", async () => {
    const start = await startCrossDevice(h, h.terminals.a1);
    for (let i = 0; i < USER_CODE_ATTEMPTS_PER_WINDOW; i++) {
      const miss = await phoneCall(h, "/v1/cross-device/lookup", { userCode: "ZZZZ-ZZZZ" });
      expect(await errorCode(miss)).toBe("cross_device_user_code_unknown");
    }
    const res = await phoneCall(h, "/v1/cross-device/lookup", { userCode: start.userCode });
    expect(res.status).toBe(429);
    expect(await errorCode(res)).toBe("cross_device_too_many_attempts");
  });
});
