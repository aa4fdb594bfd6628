/**
 * @module Serial numbers as J-LIS keys them: lower-case hex without leading zeros, so `00AB…`, `ab…` and
 * `AB:…` (openssl's colon form) name the same certificate.
 */
import { fail } from "../errors.ts";

export function normalizeSerial(input: string): string {
  const hex = input.replace(/:/g, "").toLowerCase();
  if (!/^[0-9a-f]{1,64}$/.test(hex)) fail("validation_failed", "a serial number is hexadecimal");
  return hex.replace(/^0+(?=.)/, "");
}
