import { statSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compactVerify, exportJWK, generateKeyPair, importJWK } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrivateKeyStore } from "./key-store.ts";
import { keysDirOf, prepareSoftHsmToken, SOFTHSM_MODULE } from "./open-signing-keys.ts";
import { findTokenSlot, loadPkcs11js, openPkcs11KeyStore } from "./pkcs11-key-store.ts";

let dataDir: string;
let store: PrivateKeyStore;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "pf-pkcs11-"));
  store = openPkcs11KeyStore(prepareSoftHsmToken(keysDirOf(dataDir), "catv-pf-test"));
});
afterAll(async () => {
  store.close();
  await rm(dataDir, { recursive: true, force: true });
});

const payload = (n: number) => new TextEncoder().encode(JSON.stringify({ n }));

describe("signing keys in a SoftHSM2 token", () => {
  it("keeps the generated SO and user PINs in a file only its owner can read", () => {
    const pins = statSync(join(keysDirOf(dataDir), "softhsm", "pins.json"));
    expect(pins.mode & 0o777).toBe(0o600);
  });

  it("finds the token it initialised again instead of initialising another", () => {
    const again = prepareSoftHsmToken(keysDirOf(dataDir), "catv-pf-test");
    expect(again.tokenLabel).toBe("catv-pf-test");
  });

  it("signs ES256 JWS that jose verifies with the published key, every one of 300", async () => {
    const jwk = await store.generate("k-verify");
    const publicKey = await importJWK(jwk, "ES256");
    for (let n = 0; n < 300; n += 1) {
      const jws = await store.signJws("k-verify", { alg: "ES256", kid: "k-verify" }, payload(n));
      const { payload: verified, protectedHeader } = await compactVerify(jws, publicKey);
      expect(JSON.parse(new TextDecoder().decode(verified))).toEqual({ n });
      expect(protectedHeader.kid).toBe("k-verify");
    }
  });

  it("keeps the private key sensitive: the token refuses to reveal its value", async () => {
    await store.generate("k-sensitive");
    const lib = loadPkcs11js();
    if (!lib) throw new Error("pkcs11js is needed for this test");
    const pkcs11 = new lib.PKCS11();
    pkcs11.load(SOFTHSM_MODULE);
    // The module is already initialised by the store in this process; this instance shares it.
    const slot = findTokenSlot(pkcs11, "catv-pf-test");
    if (!slot) throw new Error("token not found");
    const session = pkcs11.C_OpenSession(slot, lib.CKF_SERIAL_SESSION);
    pkcs11.C_FindObjectsInit(session, [
      { type: lib.CKA_CLASS, value: lib.CKO_PRIVATE_KEY },
      { type: lib.CKA_ID, value: Buffer.from("k-sensitive") },
    ]);
    const [handle] = pkcs11.C_FindObjects(session, 1);
    pkcs11.C_FindObjectsFinal(session);
    if (!handle) throw new Error("key not found");
    const [extractable] = pkcs11.C_GetAttributeValue(session, handle, [{ type: lib.CKA_EXTRACTABLE }]);
    expect(extractable?.value).toEqual(Buffer.from([0]));
    expect(() => pkcs11.C_GetAttributeValue(session, handle, [{ type: lib.CKA_VALUE }])).toThrow(
      /CKR_ATTRIBUTE_SENSITIVE/,
    );
    pkcs11.C_CloseSession(session);
  });

  it("signs with an imported key as its original signed, under the same kid", async () => {
    const pair = await generateKeyPair("ES256", { extractable: true });
    const privateJwk = await exportJWK(pair.privateKey);
    await store.importPrivateJwk("k-imported", privateJwk);
    const jws = await store.signJws("k-imported", { alg: "ES256", kid: "k-imported" }, payload(1));
    await expect(compactVerify(jws, pair.publicKey)).resolves.toBeDefined();
  });

  it("forgets a destroyed key", async () => {
    await store.generate("k-gone");
    await store.destroy("k-gone");
    expect(await store.has("k-gone")).toBe(false);
    await expect(store.signJws("k-gone", { alg: "ES256", kid: "k-gone" }, payload(1))).rejects.toThrow();
  });
});
