import { describe, expect, it } from "vitest";
import { chooseRenderer } from "./choose-renderer.ts";

const none = new URLSearchParams();
const swiftShader =
  "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)";

describe("chooseRenderer", () => {
  it("keeps WebGL on a GPU", () => {
    expect(chooseRenderer(none, "Mali-G52")).toEqual({ kind: "webgl", why: "gpu" });
  });

  it("keeps WebGL when the browser withholds the renderer name", () => {
    expect(chooseRenderer(none, undefined).kind).toBe("webgl");
    expect(chooseRenderer(none, "").kind).toBe("webgl");
  });

  it("draws with Canvas2D when WebGL is rendered by SwiftShader", () => {
    expect(chooseRenderer(none, swiftShader)).toEqual({ kind: "canvas2d", why: "software-gl" });
  });

  it("draws with Canvas2D on Mesa's llvmpipe", () => {
    expect(chooseRenderer(none, "llvmpipe (LLVM 15.0.6, 256 bits)").kind).toBe("canvas2d");
  });

  it("draws with Canvas2D when there is no WebGL at all", () => {
    expect(chooseRenderer(none, null)).toEqual({ kind: "canvas2d", why: "no-webgl" });
  });

  it("obeys ?c2d even on a GPU", () => {
    expect(chooseRenderer(new URLSearchParams("c2d"), "Mali-G52")).toEqual({
      kind: "canvas2d",
      why: "forced",
    });
  });

  it("obeys ?webgl even on a software GL", () => {
    expect(chooseRenderer(new URLSearchParams("webgl"), swiftShader)).toEqual({
      kind: "webgl",
      why: "forced",
    });
  });
});
