/**
 * @module The terminal identity the bridge holds: the terminal's ES256 private key, provisioned by the tenant that
 * owns the device — a CATV operator for an STB, a medical institution for a reception terminal. In the demo it
 * comes from the demo credentials file (`operators[].terminals[]` and
 * `medical.institutions[].sites[].terminals[]`, docs/demo-credentials.md); the schema below reads only those parts.
 */
import { readFile } from "node:fs/promises";
import { importJWK } from "jose";
import { z } from "zod";

const terminalSchema = z.object({
  terminalId: z.string(),
  privateJwk: z.object({
    kty: z.literal("EC"),
    crv: z.literal("P-256"),
    x: z.string(),
    y: z.string(),
    d: z.string(),
  }),
});

const credentialsSchema = z.object({
  operators: z.array(z.object({ id: z.string(), terminals: z.array(terminalSchema) })),
  medical: z
    .object({
      // A file may hold the insurers alone (an insurer's own installation): no reception terminals then.
      institutions: z
        .array(
          z.object({
            id: z.string(),
            sites: z.array(z.object({ terminals: z.array(terminalSchema) })),
          }),
        )
        .default([]),
    })
    .optional(),
});

export interface TerminalIdentity {
  terminalId: string;
  /** The tenant that provisioned the terminal: an operator (STB) or a medical institution (reception). */
  ownerId: string;
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
  const owned = [
    ...parsed.operators.map((operator) => ({ ownerId: operator.id, terminals: operator.terminals })),
    ...(parsed.medical?.institutions ?? []).map((institution) => ({
      ownerId: institution.id,
      terminals: institution.sites.flatMap((site) => site.terminals),
    })),
  ];
  for (const { ownerId, terminals } of owned) {
    const terminal = terminals.find((t) => t.terminalId === terminalId);
    if (terminal) {
      const privateKey = (await importJWK({ ...terminal.privateJwk, alg: "ES256" }, "ES256")) as CryptoKey;
      return { terminalId, ownerId, privateKey };
    }
  }
  throw new TerminalIdentityError(`no terminal ${terminalId} in ${credentialsPath}`);
}
