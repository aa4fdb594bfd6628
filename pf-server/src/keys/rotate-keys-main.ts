/**
 * @module `npm run rotate-keys`: makes the PF's next signing key now (published at once, signing after
 * PF_KEY_PREPUBLISH_SECONDS) and removes keys no token needs any more. Works whether the PF runs or not: a running
 * PF re-reads the ring within seconds. Reads only the signing-key variables and CATV_DATA_DIR.
 */
import { join } from "node:path";
import { checkEnv, envText, failConfiguration } from "@catv/service-kit/env-config";
import { z } from "zod";
import {
  openSigningKeys,
  resolveStoreKind,
  signingKeyEnvShape,
  signingKeySettings,
} from "./open-signing-keys.ts";

const schema = z.object({ CATV_DATA_DIR: envText(undefined), ...signingKeyEnvShape });
const checked = checkEnv(schema, process.env);
if (!checked.data || checked.problems.length > 0) failConfiguration("rotate-keys", checked.problems);
const dataDir = checked.data.CATV_DATA_DIR ?? join(process.cwd(), ".data");
const settings = signingKeySettings(checked.data);

const keys = openSigningKeys(settings, dataDir);
try {
  const report = await keys.maintain(new Date(), { forceRotation: true });
  console.log(`Signing keys in ${join(dataDir, "keys")} (${resolveStoreKind(settings)})`);
  if (report.created) {
    console.log(`  new key ${report.created.kid}: published now, signs from ${report.created.activatesAt}`);
  } else {
    console.log("  a new key is already waiting to sign; nothing made");
  }
  for (const kid of report.removed) console.log(`  removed ${kid}: nothing it signed can still be accepted`);
  console.log(`  signing now: ${report.signing}; published: ${report.published.join(", ")}`);
  console.log(
    `  ${await keys.checkSigningKey(new Date())} signs, and its published key verifies what it signs`,
  );
} finally {
  keys.close();
}
