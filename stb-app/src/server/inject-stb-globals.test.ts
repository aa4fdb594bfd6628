import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { injectStbGlobals, readBridgeBoot } from "./inject-stb-globals.ts";

const boot = { wsUrl: "ws://127.0.0.1:7020/stb", token: "t0k", terminalId: "term-1" };

describe("STB globals injection", () => {
  it("puts the firmware and config into the head before the app script", () => {
    const html = injectStbGlobals("<html><head><title>x</title></head><body></body></html>", boot, {
      pfUrl: "http://127.0.0.1:7000",
    });
    expect(html).toContain('window.__STB_FIRMWARE__={"wsUrl":"ws://127.0.0.1:7020/stb"');
    expect(html).toContain('window.__STB_CONFIG__={"pfUrl":"http://127.0.0.1:7000"}');
    expect(html.indexOf("__STB_CONFIG__")).toBeLessThan(html.indexOf("</head>"));
  });

  it("escapes values so they cannot close the script element", () => {
    const html = injectStbGlobals(
      "<head></head>",
      { ...boot, token: "</script><script>alert(1)" },
      { pfUrl: "x" },
    );
    expect(html).not.toContain("</script><script>alert");
  });

  it("injects null firmware while the bridge has not booted", async () => {
    expect(await readBridgeBoot(join(tmpdir(), "does-not-exist.json"))).toBeNull();
    expect(injectStbGlobals("<head></head>", null, { pfUrl: "x" })).toContain("window.__STB_FIRMWARE__=null");
  });

  it("reads the bridge's boot file and ignores one without a token", async () => {
    const dir = await mkdtemp(join(tmpdir(), "stb-"));
    await writeFile(join(dir, "ok.json"), JSON.stringify({ ...boot, bootedAt: "2026-11-24T00:00:00Z" }));
    await writeFile(join(dir, "bad.json"), JSON.stringify({ wsUrl: "ws://x" }));
    expect(await readBridgeBoot(join(dir, "ok.json"))).toMatchObject(boot);
    expect(await readBridgeBoot(join(dir, "bad.json"))).toBeNull();
  });
});
