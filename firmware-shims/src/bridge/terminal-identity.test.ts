import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadTerminalIdentity, TerminalIdentityError } from "./terminal-identity.ts";

const privateJwk = () =>
  generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ format: "jwk" });

function credentialsFile(content: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), "catv-identity-")), "demo-credentials.json");
  writeFileSync(path, JSON.stringify(content), { mode: 0o600 });
  return path;
}

describe("the bridge's terminal identity", () => {
  it("finds an STB's key in a file whose medical part holds insurers but no institutions", async () => {
    const path = credentialsFile({
      operators: [
        { id: "op-nanto", terminals: [{ terminalId: "stb-nanto-0001", privateJwk: privateJwk() }] },
      ],
      medical: { insurers: [{ id: "ins-sakata-kokuho" }] },
    });
    const identity = await loadTerminalIdentity(path, "stb-nanto-0001");
    expect({ terminalId: identity.terminalId, ownerId: identity.ownerId }).toEqual({
      terminalId: "stb-nanto-0001",
      ownerId: "op-nanto",
    });
  });

  it("finds a reception terminal's key under its institution, owned by the institution", async () => {
    const path = credentialsFile({
      operators: [],
      medical: {
        institutions: [
          {
            id: "med-minato",
            sites: [{ terminals: [{ terminalId: "rcp-minato-01", privateJwk: privateJwk() }] }],
          },
        ],
      },
    });
    expect((await loadTerminalIdentity(path, "rcp-minato-01")).ownerId).toBe("med-minato");
  });

  it("refuses a terminal the file does not hold", async () => {
    const path = credentialsFile({ operators: [] });
    await expect(loadTerminalIdentity(path, "stb-unknown")).rejects.toBeInstanceOf(TerminalIdentityError);
  });
});
