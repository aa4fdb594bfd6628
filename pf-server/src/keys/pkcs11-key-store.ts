/**
 * @module Signing keys held in a PKCS#11 token: generated inside it as P-256 keys that are sensitive and not
 * extractable, found again by `CKA_ID` = the key's `kid`, and used only through C_Sign. The same code drives
 * SoftHSM2 (`npm start`, tests) and a hardware HSM: only the module path, token label and PIN differ.
 *
 * jose cannot sign with a key it cannot read, so the JWS is assembled here: the signing input is hashed with
 * SHA-256 and signed with CKM_ECDSA (every token has the raw mechanism; not all have CKM_ECDSA_SHA256), and
 * the signature is put in JWS form (`ecdsa-signature.ts`).
 */
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import type { JWK } from "jose";
import type * as Pkcs11Module from "pkcs11js";
import { toJwsEcdsaSignature } from "./ecdsa-signature.ts";
import { jwsSigningInput, type PrivateKeyStore, publicJwkOf } from "./key-store.ts";

/** DER of the OID 1.2.840.10045.3.1.7 (prime256v1 / P-256), the CKA_EC_PARAMS of every key here. */
const P256_PARAMS = Buffer.from("06082a8648ce3d030107", "hex");

export interface Pkcs11Settings {
  /** The PKCS#11 module (`/usr/lib/softhsm/libsofthsm2.so`, or the HSM vendor's library). */
  modulePath: string;
  tokenLabel: string;
  /** The user PIN of the token. */
  pin: string;
}

/** pkcs11js, or undefined when its native addon is not built on this machine (then keys are kept in files). */
export function loadPkcs11js(): typeof Pkcs11Module | undefined {
  try {
    return createRequire(import.meta.url)("pkcs11js") as typeof Pkcs11Module;
  } catch {
    return undefined;
  }
}

function requirePkcs11js(): typeof Pkcs11Module {
  const lib = loadPkcs11js();
  if (!lib)
    throw new Error("pkcs11js is not installed or its native addon is not built (npm rebuild pkcs11js)");
  return lib;
}

/**
 * One loaded, initialised module per path for the whole process, counted: C_Initialize may run once per
 * process (a second answers CKR_CRYPTOKI_ALREADY_INITIALIZED) and C_Finalize ends every session of it.
 */
const modules = new Map<string, { pkcs11: Pkcs11Module.PKCS11; users: number }>();

function acquireModule(lib: typeof Pkcs11Module, modulePath: string) {
  let entry = modules.get(modulePath);
  if (!entry) {
    const pkcs11 = new lib.PKCS11();
    pkcs11.load(modulePath);
    pkcs11.C_Initialize();
    entry = { pkcs11, users: 0 };
    modules.set(modulePath, entry);
  }
  entry.users += 1;
  const held = entry;
  return {
    pkcs11: held.pkcs11,
    release() {
      held.users -= 1;
      if (held.users === 0) {
        modules.delete(modulePath);
        held.pkcs11.C_Finalize();
      }
    },
  };
}

/** The slot holding the token labelled `label`, among slots with a token. */
export function findTokenSlot(pkcs11: Pkcs11Module.PKCS11, label: string): Buffer | undefined {
  return pkcs11.C_GetSlotList(true).find((slot) => pkcs11.C_GetTokenInfo(slot).label.trim() === label);
}

/**
 * Initialises a token labelled `label` in the first free slot, with its SO PIN and user PIN (SoftHSM2 offers a
 * free slot; a hardware HSM is initialised by its own tools). Does nothing when the token exists.
 */
export function initialiseToken(modulePath: string, label: string, pins: { so: string; user: string }): void {
  const lib = requirePkcs11js();
  const { pkcs11, release } = acquireModule(lib, modulePath);
  try {
    if (findTokenSlot(pkcs11, label)) return;
    const free = pkcs11
      .C_GetSlotList(true)
      .find((slot) => (pkcs11.C_GetTokenInfo(slot).flags & lib.CKF_TOKEN_INITIALIZED) === 0);
    if (!free) throw new Error(`no free slot to initialise the token ${label} in`);
    pkcs11.C_InitToken(free, pins.so, label.padEnd(32, " "));
    // SoftHSM2 moves an initialised token to a new slot ID: look it up again.
    const slot = findTokenSlot(pkcs11, label);
    if (!slot) throw new Error(`the token ${label} was initialised but is not listed`);
    const session = pkcs11.C_OpenSession(slot, lib.CKF_RW_SESSION | lib.CKF_SERIAL_SESSION);
    pkcs11.C_Login(session, lib.CKU_SO, pins.so);
    pkcs11.C_InitPIN(session, pins.user);
    pkcs11.C_Logout(session);
    pkcs11.C_CloseSession(session);
  } finally {
    release();
  }
}

export function openPkcs11KeyStore(settings: Pkcs11Settings): PrivateKeyStore {
  const lib = requirePkcs11js();
  const { pkcs11, release } = acquireModule(lib, settings.modulePath);
  const slot = findTokenSlot(pkcs11, settings.tokenLabel);
  if (!slot) {
    release();
    throw new Error(`no PKCS#11 token labelled ${settings.tokenLabel} in ${settings.modulePath}`);
  }
  const session = pkcs11.C_OpenSession(slot, lib.CKF_RW_SESSION | lib.CKF_SERIAL_SESSION);
  try {
    pkcs11.C_Login(session, lib.CKU_USER, settings.pin);
  } catch (error) {
    // Sessions of one application share their login state (PKCS#11 §5.6): a second store is already in.
    if (!(error instanceof lib.Pkcs11Error && error.code === lib.CKR_USER_ALREADY_LOGGED_IN)) {
      pkcs11.C_CloseSession(session);
      release();
      throw error;
    }
  }

  const findObjects = (template: Pkcs11Module.Template): Buffer[] => {
    pkcs11.C_FindObjectsInit(session, template);
    try {
      return pkcs11.C_FindObjects(session, 16);
    } finally {
      pkcs11.C_FindObjectsFinal(session);
    }
  };
  const findKey = (kid: string, cls: number): Buffer | undefined =>
    findObjects([
      { type: lib.CKA_CLASS, value: cls },
      { type: lib.CKA_ID, value: Buffer.from(kid, "utf8") },
    ])[0];
  // Handles stay valid for the session; a key another process (npm run rotate-keys) added is found on a miss.
  const signingHandles = new Map<string, Buffer>();
  const signingHandle = (kid: string): Buffer | undefined => {
    let handle = signingHandles.get(kid);
    if (!handle) {
      handle = findKey(kid, lib.CKO_PRIVATE_KEY);
      if (handle) signingHandles.set(kid, handle);
    }
    return handle;
  };
  const privateTemplate = (kid: string): Pkcs11Module.Template => [
    { type: lib.CKA_TOKEN, value: true },
    { type: lib.CKA_PRIVATE, value: true },
    { type: lib.CKA_SENSITIVE, value: true },
    { type: lib.CKA_EXTRACTABLE, value: false },
    { type: lib.CKA_SIGN, value: true },
    { type: lib.CKA_ID, value: Buffer.from(kid, "utf8") },
    { type: lib.CKA_LABEL, value: kid },
  ];
  const pointToJwk = (ecPoint: Buffer, kid: string): JWK => {
    // CKA_EC_POINT is DER: OCTET STRING (04 41) around the uncompressed point 04 ‖ X ‖ Y.
    const point = ecPoint[0] === 0x04 && ecPoint.length === 67 ? ecPoint.subarray(2) : ecPoint;
    if (point.length !== 65 || point[0] !== 0x04) throw new Error("unexpected CKA_EC_POINT encoding");
    const x = point.subarray(1, 33).toString("base64url");
    const y = point.subarray(33, 65).toString("base64url");
    return publicJwkOf({ x, y }, kid);
  };

  return {
    kind: "pkcs11",
    async generate(kid) {
      const { publicKey } = pkcs11.C_GenerateKeyPair(
        session,
        { mechanism: lib.CKM_EC_KEY_PAIR_GEN },
        [
          { type: lib.CKA_TOKEN, value: true },
          { type: lib.CKA_VERIFY, value: true },
          { type: lib.CKA_EC_PARAMS, value: P256_PARAMS },
          { type: lib.CKA_ID, value: Buffer.from(kid, "utf8") },
          { type: lib.CKA_LABEL, value: kid },
        ],
        privateTemplate(kid),
      );
      const [point] = pkcs11.C_GetAttributeValue(session, publicKey, [{ type: lib.CKA_EC_POINT }]);
      return pointToJwk(point?.value as Buffer, kid);
    },
    async importPrivateJwk(kid, jwk) {
      if (!jwk.d) throw new Error("the JWK to import has no private part");
      pkcs11.C_CreateObject(session, [
        { type: lib.CKA_CLASS, value: lib.CKO_PRIVATE_KEY },
        { type: lib.CKA_KEY_TYPE, value: lib.CKK_EC },
        { type: lib.CKA_EC_PARAMS, value: P256_PARAMS },
        { type: lib.CKA_VALUE, value: Buffer.from(jwk.d, "base64url") },
        ...privateTemplate(kid),
      ]);
      return publicJwkOf(jwk, kid);
    },
    async has(kid) {
      return findKey(kid, lib.CKO_PRIVATE_KEY) !== undefined;
    },
    async signJws(kid, protectedHeader, payload) {
      const key = signingHandle(kid);
      if (!key) throw new Error(`no private key ${kid} in the token`);
      const input = jwsSigningInput(protectedHeader, payload);
      const digest = createHash("sha256").update(input, "ascii").digest();
      pkcs11.C_SignInit(session, { mechanism: lib.CKM_ECDSA }, key);
      const signature = pkcs11.C_Sign(session, digest, Buffer.alloc(132));
      return `${input}.${Buffer.from(toJwsEcdsaSignature(signature)).toString("base64url")}`;
    },
    async destroy(kid) {
      signingHandles.delete(kid);
      for (const cls of [lib.CKO_PRIVATE_KEY, lib.CKO_PUBLIC_KEY]) {
        const handle = findKey(kid, cls);
        if (handle) pkcs11.C_DestroyObject(session, handle);
      }
    },
    close() {
      try {
        pkcs11.C_CloseSession(session);
      } finally {
        release();
      }
    },
  };
}
