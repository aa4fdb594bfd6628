import { fork } from "node:child_process";
import { mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeFileOnce } from "./write-file-once.ts";

describe("writeFileOnce", () => {
  it("creates the file with mode 0600 and answers its content", () => {
    const path = join(mkdtempSync(join(tmpdir(), "write-once-")), "secret");
    expect(writeFileOnce(path, () => "first")).toBe("first");
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it("keeps a file that exists and answers what it holds, leaving no temporary file behind", () => {
    const dir = mkdtempSync(join(tmpdir(), "write-once-"));
    const path = join(dir, "secret");
    writeFileSync(path, "already", { mode: 0o600 });
    expect(writeFileOnce(path, () => "second")).toBe("already");
    expect(readdirSync(dir)).toEqual(["secret"]);
  });

  it("gives processes racing on a fresh folder one and the same content", async () => {
    const dir = mkdtempSync(join(tmpdir(), "write-once-"));
    const path = join(dir, "secret");
    const script = join(dir, "racer.mjs");
    writeFileSync(
      script,
      `const { writeFileOnce } = await import(${JSON.stringify(new URL("./write-file-once.ts", import.meta.url).href)});
       process.send(writeFileOnce(process.argv[2], () => String(process.pid)));`,
    );
    const answers = await Promise.all(
      Array.from(
        { length: 6 },
        () =>
          new Promise<string>((resolve, reject) => {
            const child = fork(script, [path], { stdio: ["ignore", "ignore", "inherit", "ipc"] });
            child.once("message", (message) => resolve(String(message)));
            child.once("exit", (code) => code !== 0 && reject(new Error(`racer exited with ${code}`)));
          }),
      ),
    );
    expect(new Set(answers).size).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(["racer.mjs", "secret"]);
  });
});
