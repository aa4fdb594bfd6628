/**
 * @module 券面事項入力補助AP: present so that clients probing it get the answers a real card gives for files they
 * may not open, but it holds nothing — its EF 0001 is the 個人番号, EF 0003 a hash of it, and 0014 is 照合番号A
 * (kenkaku.md §5–§6). Every other EF of this AP is absent from an emulated card (6A82).
 */
import { type Application, fileMap } from "./application.ts";

export const INPUT_SUPPORT_AID = Uint8Array.of(0xd3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08);

export const INPUT_SUPPORT_EF = {
  MY_NUMBER: 0x0001,
  DIGESTS: 0x0003,
  COLLATION_NUMBER_A: 0x0014,
} as const;

export function buildInputSupportApplication(): Application {
  return {
    name: "券面事項入力補助AP",
    aid: INPUT_SUPPORT_AID,
    reselectClearsVerification: false,
    signing: { kind: "none" },
    internalAuthenticate: "refuse",
    files: fileMap([
      { kind: "refused", fid: INPUT_SUPPORT_EF.MY_NUMBER },
      { kind: "refused", fid: INPUT_SUPPORT_EF.DIGESTS },
      { kind: "refused", fid: INPUT_SUPPORT_EF.COLLATION_NUMBER_A },
    ]),
  };
}
