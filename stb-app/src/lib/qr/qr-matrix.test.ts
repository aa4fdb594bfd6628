import { describe, expect, it } from "vitest";
import { qrMatrix } from "./qr-matrix.ts";

describe("qrMatrix", () => {
  it("encodes the phone page URL as a square code with the three finder patterns", () => {
    const { size, dark } = qrMatrix("http://127.0.0.1:7020/phone?code=BCDF-GHJK");
    expect(size % 4).toBe(1); // 21 + 4 × (version − 1)
    const at = (r: number, c: number) => dark[r * size + c];
    for (const [r, c] of [
      [0, 0],
      [0, size - 7],
      [size - 7, 0],
    ] as const) {
      expect([at(r, c), at(r, c + 6), at(r + 6, c), at(r + 3, c + 3)]).toEqual([true, true, true, true]);
      expect(at(r + 1, c + 1)).toBe(false);
    }
  });

  it("gives the same modules for the same text", () => {
    expect(qrMatrix("abc")).toEqual(qrMatrix("abc"));
  });
});
