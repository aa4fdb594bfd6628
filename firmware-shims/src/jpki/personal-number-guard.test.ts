import { describe, expect, it } from "vitest";
import type { CommandApdu } from "../apdu/command-apdu.ts";
import { JPKI_AID, KENKAKU_AID } from "./card-files.ts";
import { PersonalNumberGuard } from "./personal-number-guard.ts";

const INPUT_SUPPORT_AID = Uint8Array.of(0xd3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x08);
const JUKI_AID = Uint8Array.of(0xd3, 0x92, 0x10, 0x00, 0x31, 0x00, 0x01, 0x01, 0x04, 0x01);
const selectAp = (aid: Uint8Array): CommandApdu => ({ cla: 0, ins: 0xa4, p1: 4, p2: 0x0c, data: aid });
const selectEf = (fid: number): CommandApdu => ({
  cla: 0,
  ins: 0xa4,
  p1: 2,
  p2: 0x0c,
  data: Uint8Array.of(fid >> 8, fid & 0xff),
});

function inKenkaku(): PersonalNumberGuard {
  const guard = new PersonalNumberGuard();
  guard.check(selectAp(KENKAKU_AID));
  guard.accepted(selectAp(KENKAKU_AID));
  return guard;
}

const refused = { code: "forbidden_personal_number" };

describe("PersonalNumberGuard", () => {
  it("refuses to select the 券面事項入力補助AP, which holds the 個人番号", () => {
    expect(() => new PersonalNumberGuard().check(selectAp(INPUT_SUPPORT_AID))).toThrow(
      expect.objectContaining(refused),
    );
  });

  it("refuses to select the 住基AP", () => {
    expect(() => new PersonalNumberGuard().check(selectAp(JUKI_AID))).toThrow(
      expect.objectContaining(refused),
    );
  });

  it("refuses to select the 個人番号 image EF 0005 of the 券面事項確認AP", () => {
    expect(() => inKenkaku().check(selectEf(0x0005))).toThrow(expect.objectContaining(refused));
  });

  it("refuses to read EF 0005 by its short id", () => {
    expect(() => inKenkaku().check({ cla: 0, ins: 0xb0, p1: 0x85, p2: 0, le: 256 })).toThrow(
      expect.objectContaining(refused),
    );
  });

  it("refuses VERIFY of 照合番号A (EF 0013), by short id or as the current EF", () => {
    const guard = inKenkaku();
    expect(() => guard.check({ cla: 0, ins: 0x20, p1: 0, p2: 0x93, data: new Uint8Array(12) })).toThrow(
      expect.objectContaining(refused),
    );
    expect(() => guard.check(selectEf(0x0013))).toThrow(expect.objectContaining(refused));
  });

  it("refuses SELECT by path, which could reach any file", () => {
    const guard = inKenkaku();
    expect(() => guard.check({ cla: 0, ins: 0xa4, p1: 0x08, p2: 0x0c, data: Uint8Array.of(0, 5) })).toThrow(
      expect.objectContaining(refused),
    );
  });

  it("refuses reading the current EF after a refused selection changed nothing", () => {
    const guard = inKenkaku();
    expect(() => guard.check({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le: 256 })).toThrow(
      expect.objectContaining(refused),
    );
  });

  it("allows the PIN-less steps in the 券面事項確認AP", () => {
    const guard = inKenkaku();
    const steps: CommandApdu[] = [
      { cla: 0, ins: 0x20, p1: 0, p2: 0x91, data: new TextEncoder().encode("550217") },
      { cla: 0, ins: 0xb0, p1: 0x81, p2: 0, le: 256 },
      { cla: 0, ins: 0xb0, p1: 0x84, p2: 0, le: 256 },
      { cla: 0x80, ins: 0x2a, p1: 0, p2: 0, data: new Uint8Array(51), le: 256 },
    ];
    for (const step of steps) expect(() => guard.check(step)).not.toThrow();
  });

  it("allows the JPKI-AP commands", () => {
    const guard = new PersonalNumberGuard();
    guard.accepted(selectAp(JPKI_AID));
    expect(() => guard.check({ cla: 0, ins: 0xb0, p1: 0x8a, p2: 0, le: 40 })).not.toThrow();
    expect(() =>
      guard.check({ cla: 0x80, ins: 0x2a, p1: 0, p2: 0x97, data: new Uint8Array(51), le: 256 }),
    ).not.toThrow();
  });

  it("forgets the selected application on reset", () => {
    const guard = inKenkaku();
    guard.reset();
    expect(() => guard.check({ cla: 0, ins: 0xb0, p1: 0x81, p2: 0, le: 256 })).toThrow(
      expect.objectContaining(refused),
    );
  });
});
