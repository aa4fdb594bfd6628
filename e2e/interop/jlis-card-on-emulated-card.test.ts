/**
 * A card image issued by the J-LIS simulator (pf-server), loaded into the emulated card of `firmware-shims` and driven through APDUs as a
 * JPKI client and the PF's PIN-less check would: the signature made by the card verifies with the certificate
 * read from the card, and the 券面事項確認AP proof verifies with the 券面 CA key J-LIS publishes.
 */
import { createHash, createPublicKey, verify } from "node:crypto";
import { readFileSync } from "node:fs";
import { EmulatedMyNumberCard, JPKI_AID, KENKAKU_AID } from "@catv/firmware-shims/emulated-card";
import { verifyCardVerifiableCertificate, verifyDateOfBirthRecord } from "@catv/jpki";
import { x509 } from "@catv/jpki/x509";
import { issueCard } from "@catv/pf-server/jlis/issue-card";
import { SAMPLE_RESIDENT, startTestService } from "@catv/pf-server/jlis/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let service: Awaited<ReturnType<typeof startTestService>>;
let card: EmulatedMyNumberCard;

beforeAll(async () => {
  service = await startTestService();
  const issued = await issueCard(service.ctx, SAMPLE_RESIDENT);
  card = new EmulatedMyNumberCard(JSON.parse(readFileSync(issued.cardImagePath, "utf8")));
  card.powerOn();
}, 60_000);
afterAll(() => service.dispose());

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex").toUpperCase();

async function send(...parts: (number | Uint8Array)[]): Promise<Uint8Array> {
  const command = Uint8Array.from(parts.flatMap((p) => (typeof p === "number" ? [p] : [...p])));
  const response = await card.transmit(command);
  const sw = hex(response.subarray(-2));
  if (sw !== "9000") throw new Error(`${hex(command).slice(0, 16)}… answered ${sw}`);
  return response.subarray(0, -2);
}
const selectAp = (aid: Uint8Array) => send(0x00, 0xa4, 0x04, 0x0c, aid.length, aid);
const selectEf = (ef: number) => send(0x00, 0xa4, 0x02, 0x0c, 0x02, ef >> 8, ef & 0xff);
const verifyPin = (pin: string) => send(0x00, 0x20, 0x00, 0x80, pin.length, new TextEncoder().encode(pin));

/** READ BINARY in 256-byte chunks until the BER length of the first TLV is covered. */
async function readTlvFile(): Promise<Uint8Array> {
  const head = await send(0x00, 0xb0, 0x00, 0x00, 0x08);
  const offset = (head[0]! & 0x1f) === 0x1f ? 2 : 1; // two-byte tags: 7F21, FF10
  let length = head[offset]!;
  let headerLength = offset + 1;
  if (length & 0x80) {
    const n = length & 0x7f;
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + head[offset + 1 + i]!;
    headerLength += n;
  }
  const total = headerLength + length;
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < total; at += 256) {
    chunks.push(await send(0x00, 0xb0, at >> 8, at & 0xff, Math.min(256, total - at) & 0xff));
  }
  return Uint8Array.from(chunks.flatMap((c) => [...c])).subarray(0, total);
}

const SHA256_DIGEST_INFO_PREFIX = Buffer.from("3031300d060960864801650304020105000420", "hex");
const digestInfo = (data: Uint8Array) =>
  Buffer.concat([SHA256_DIGEST_INFO_PREFIX, createHash("sha256").update(data).digest()]);

describe("an issued card in the emulator", { timeout: 60_000 }, () => {
  it("signs with the user-authentication key so that the certificate read from the card verifies it", async () => {
    await selectAp(JPKI_AID);
    await selectEf(0x000a);
    const certificate = new x509.X509Certificate(await readTlvFile());
    await selectEf(0x0018);
    await verifyPin(SAMPLE_RESIDENT.authPin);
    await selectEf(0x0017);
    const challenge = Buffer.from("PF login challenge 0001");
    const info = digestInfo(challenge);
    const signature = await send(0x80, 0x2a, 0x00, 0x80, info.length, info, 0x00);
    const publicKey = createPublicKey({
      key: Buffer.from(certificate.publicKey.rawData),
      format: "der",
      type: "spki",
    });
    expect(verify("sha256", challenge, publicKey, signature)).toBe(true);
    expect(certificate.issuer).toContain("JPKI-DEMO for user authentication");
  });

  it("passes the 券面事項確認AP genuineness check with the published 券面 CA key", async () => {
    await selectAp(KENKAKU_AID);
    await selectEf(0x0004);
    const trusted = [
      {
        keyId: Buffer.from(service.ctx.cas.kenkaku.keyId).toString("hex"),
        publicKey: createPublicKey({
          key: Buffer.from(service.ctx.cas.kenkaku.publicKeySpki),
          format: "der",
          type: "spki",
        }),
      },
    ];
    const cvc = verifyCardVerifiableCertificate(await readTlvFile(), trusted);
    await selectEf(0x0011);
    await verifyPin("550217");
    await selectEf(0x0001);
    const record = verifyDateOfBirthRecord(await readTlvFile(), cvc.publicKey);
    expect(record.birthDate).toBe(SAMPLE_RESIDENT.birthDate);
    const nonce = Buffer.from("0123456789abcdef");
    const info = digestInfo(nonce);
    const signature = await send(0x80, 0x2a, 0x00, 0x00, info.length, info, 0x00);
    expect(verify("sha256", nonce, record.cardPublicKey, signature)).toBe(true);
  });
});
