/**
 * @module The STB's terminal identity: its ES256 private key, provisioned by the operator. In the demo it comes
 * from the demo credentials file (`operators[].terminals[]`, docs/demo-credentials.md); the schema below reads only
 * that part.
 */
import { readFile } from "node:fs/promises";
import { importJWK } from "jose";
import { z } from "zod";

const credentialsSchema = z.object({
  operators: z.array(
    z.object({
      id: z.string(),
      terminals: z.array(
        z.object({
          terminalId: z.string(),
          privateJwk: z.object({
            kty: z.literal("EC"),
            crv: z.literal("P-256"),
            x: z.string(),
            y: z.string(),
            d: z.string(),
          }),
        }),
      ),
    }),
  ),
});

export interface TerminalIdentity {
  terminalId: string;
  operatorId: string;
  privateKey: CryptoKey;
}

export class TerminalIdentityError extends Error {
  override readonly name = "TerminalIdentityError";
}

export async function loadTerminalIdentity(
  credentialsPath: string,
  terminalId: string,
): Promise<TerminalIdentity> {
  let text: string;
  try {
    text = await readFile(credentialsPath, "utf8");
  } catch {
    throw new TerminalIdentityError(`cannot read the terminal credentials at ${credentialsPath}`);
  }
  let parsed: z.infer<typeof credentialsSchema>;
  try {
    parsed = credentialsSchema.parse(JSON.parse(text));
  } catch {
    throw new TerminalIdentityError(
      `the credentials file ${credentialsPath} has no valid operators[].terminals[]`,
    );
  }
  for (const operator of parsed.operators) {
    const terminal = operator.terminals.find((t) => t.terminalId === terminalId);
    if (terminal) {
      const privateKey = (await importJWK({ ...terminal.privateJwk, alg: "ES256" }, "ES256")) as CryptoKey;
      return { terminalId, operatorId: operator.id, privateKey };
    }
  }
  throw new TerminalIdentityError(`no terminal ${terminalId} in ${credentialsPath}`);
}
