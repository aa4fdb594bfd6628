/**
 * @module Opens the PF's signing keys from its configuration: a PKCS#11 token (a hardware HSM named by
 * PF_PKCS11_MODULE / PF_PKCS11_TOKEN_LABEL / PF_PKCS11_PIN_FILE, or the SoftHSM2 token the PF sets up for itself
 * in its data directory), else 0600 files there. `npm start` gets the SoftHSM2 token when Debian's softhsm2 and
 * the pkcs11js addon are present, the files otherwise; production names its HSM and nothing else changes.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { REGISTRATION_RECEIPT_TTL_SECONDS } from "@catv/contracts";
import { envChoice, envInteger, envText } from "@catv/service-kit/env-config";
import { z } from "zod";
import { ACCESS_TOKEN_TTL_SECONDS, PROVIDER_ASSERTION_TTL_SECONDS } from "../tokens/token-service.ts";
import { openFileKeyStore } from "./file-key-store.ts";
import { openRingFile } from "./key-ring-file.ts";
import type { PrivateKeyStore } from "./key-store.ts";
import {
  initialiseToken,
  loadPkcs11js,
  openPkcs11KeyStore,
  type Pkcs11Settings,
} from "./pkcs11-key-store.ts";
import { createSigningKeyRing, type RotationPolicy, type SigningKeyRing } from "./signing-key-ring.ts";
import { writeFileOnce } from "./write-file-once.ts";

/** Debian's softhsm2 package installs its PKCS#11 module here. */
export const SOFTHSM_MODULE = "/usr/lib/softhsm/libsofthsm2.so";

/** The environment variables of the signing keys, shared by the PF and `npm run rotate-keys`. */
export const signingKeyEnvShape = {
  PF_SIGNING_KEY_STORE: envChoice(["auto", "softhsm", "pkcs11", "file"], "auto"),
  PF_PKCS11_MODULE: envText(undefined),
  PF_PKCS11_TOKEN_LABEL: envText("catv-pf"),
  PF_PKCS11_PIN_FILE: envText(undefined),
  PF_KEY_ROTATION_DAYS: envInteger(30, { min: 1, max: 3650 }),
  PF_KEY_PREPUBLISH_SECONDS: envInteger(3600, { min: 0, max: 30 * 86400 }),
  PF_KEY_MAINTENANCE_SECONDS: envInteger(3600, { min: 10, max: 86400 }),
};

export interface SigningKeySettings {
  store: "auto" | "softhsm" | "pkcs11" | "file";
  pkcs11Module: string | undefined;
  tokenLabel: string;
  pinFile: string | undefined;
  policy: RotationPolicy;
  /** How often the PF checks whether a key is due for rotation or removal. */
  maintenanceSeconds: number;
}

// Clock tolerance of the verifiers (provider-kit accepts 5 s); a minute covers any of them.
const VERIFIER_CLOCK_TOLERANCE_SECONDS = 60;

export function signingKeySettings(env: z.infer<z.ZodObject<typeof signingKeyEnvShape>>): SigningKeySettings {
  return {
    store: env.PF_SIGNING_KEY_STORE,
    pkcs11Module: env.PF_PKCS11_MODULE,
    tokenLabel: env.PF_PKCS11_TOKEN_LABEL,
    pinFile: env.PF_PKCS11_PIN_FILE,
    policy: {
      rotateAfterSeconds: env.PF_KEY_ROTATION_DAYS * 86400,
      prepublishSeconds: env.PF_KEY_PREPUBLISH_SECONDS,
      maxTokenLifetimeSeconds:
        Math.max(ACCESS_TOKEN_TTL_SECONDS, REGISTRATION_RECEIPT_TTL_SECONDS, PROVIDER_ASSERTION_TTL_SECONDS) +
        VERIFIER_CLOCK_TOLERANCE_SECONDS,
    },
    maintenanceSeconds: env.PF_KEY_MAINTENANCE_SECONDS,
  };
}

/** Parses the signing-key variables alone (for the rotate-keys command, which needs nothing else of the PF's). */
export const signingKeyEnvSchema = z.object(signingKeyEnvShape).transform(signingKeySettings);

export const keysDirOf = (dataDir: string) => join(dataDir, "keys");

/**
 * The SoftHSM2 token of this data directory: its own softhsm2.conf and token folder, and SO and user PINs
 * generated once into a 0600 file, so the machine's /etc/softhsm is never touched. SOFTHSM2_CONF is set for
 * this process before the module is loaded (SoftHSM2 reads it at C_Initialize).
 */
export function prepareSoftHsmToken(
  keysDir: string,
  tokenLabel: string,
  modulePath = SOFTHSM_MODULE,
): Pkcs11Settings {
  const dir = join(keysDir, "softhsm");
  mkdirSync(join(dir, "tokens"), { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const conf = join(dir, "softhsm2.conf");
  // Written at every start: the token folder's path follows the data directory when it is restored elsewhere.
  writeFileSync(
    conf,
    `directories.tokendir = ${join(dir, "tokens")}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`,
    { mode: 0o600 },
  );
  const pins = JSON.parse(
    writeFileOnce(
      join(dir, "pins.json"),
      () =>
        `${JSON.stringify({ so: randomBytes(16).toString("hex"), user: randomBytes(16).toString("hex") })}\n`,
    ),
  ) as { so: string; user: string };
  process.env.SOFTHSM2_CONF = conf;
  initialiseToken(modulePath, tokenLabel, pins);
  return { modulePath, tokenLabel, pin: pins.user };
}

/** Which store `auto` means on this machine. */
export function resolveStoreKind(settings: SigningKeySettings): "softhsm" | "pkcs11" | "file" {
  if (settings.store !== "auto") return settings.store;
  return loadPkcs11js() && existsSync(settings.pkcs11Module ?? SOFTHSM_MODULE) ? "softhsm" : "file";
}

export function openPrivateKeyStore(settings: SigningKeySettings, dataDir: string): PrivateKeyStore {
  const keysDir = keysDirOf(dataDir);
  switch (resolveStoreKind(settings)) {
    case "softhsm":
      return openPkcs11KeyStore(prepareSoftHsmToken(keysDir, settings.tokenLabel, settings.pkcs11Module));
    case "pkcs11": {
      if (!settings.pkcs11Module || !settings.pinFile) {
        throw new Error("PF_SIGNING_KEY_STORE=pkcs11 needs PF_PKCS11_MODULE and PF_PKCS11_PIN_FILE");
      }
      const pin = readFileSync(settings.pinFile, "utf8").trim();
      return openPkcs11KeyStore({ modulePath: settings.pkcs11Module, tokenLabel: settings.tokenLabel, pin });
    }
    case "file":
      return openFileKeyStore(join(keysDir, "signing"));
  }
}

export function openSigningKeys(settings: SigningKeySettings, dataDir: string): SigningKeyRing {
  return createSigningKeyRing({
    store: openPrivateKeyStore(settings, dataDir),
    ring: openRingFile(join(keysDirOf(dataDir), "signing-keys.json")),
    policy: settings.policy,
  });
}
