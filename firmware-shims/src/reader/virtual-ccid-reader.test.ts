import { describe, expect, it } from "vitest";
import {
  decodeCcidMessage,
  encodeCcidMessage,
  PcToRdr,
  replyStatus,
  SlotError,
} from "../ccid/ccid-message.ts";
import { EchoCard } from "../ccid/testing/echo-card.ts";
import { bytesOf } from "../ccid/usb-bytes.ts";
import { VirtualCcidReader } from "./virtual-ccid-reader.ts";

async function opened(card = new EchoCard()) {
  const device = new VirtualCcidReader();
  device.insertCard(card);
  await device.open();
  await device.claimInterface(0);
  await device.transferIn(3, 8); // the initial NotifySlotChange for the card already present
  return device;
}

const send = (device: VirtualCcidReader, type: number, seq: number, data = new Uint8Array(0)) =>
  device.transferOut(1, encodeCcidMessage({ type, slot: 0, seq, params: [0, 0, 0], data }));
const reply = async (device: VirtualCcidReader) =>
  decodeCcidMessage(bytesOf((await device.transferIn(2, 65544)).data));

describe("VirtualCcidReader", () => {
  it("answers a second command with CMD_SLOT_BUSY while the first is at the card", async () => {
    const card = new EchoCard();
    card.delayMs = 50;
    const device = await opened(card);
    await send(device, PcToRdr.IccPowerOn, 1);
    await reply(device);
    await send(device, PcToRdr.XfrBlock, 2, Uint8Array.of(0, 0xb0, 0, 0, 4));
    await send(device, PcToRdr.GetSlotStatus, 3);
    const busy = await reply(device);
    expect(busy.seq).toBe(3);
    expect(replyStatus(busy)).toMatchObject({ commandStatus: 1, error: SlotError.CMD_SLOT_BUSY });
    expect((await reply(device)).seq).toBe(2);
  });

  it("drops the reply of a command the host aborted and acknowledges the abort", async () => {
    const card = new EchoCard();
    card.delayMs = 50;
    const device = await opened(card);
    await send(device, PcToRdr.IccPowerOn, 1);
    await reply(device);
    await send(device, PcToRdr.XfrBlock, 2, Uint8Array.of(0, 0xb0, 0, 0, 4));
    await device.controlTransferOut({
      requestType: "class",
      recipient: "interface",
      request: 1,
      value: (2 << 8) | 0,
      index: 0,
    });
    await send(device, PcToRdr.Abort, 2);
    const ack = await reply(device);
    expect(ack).toMatchObject({ type: 0x81, seq: 2 });
    await new Promise((r) => setTimeout(r, 80));
    await send(device, PcToRdr.GetSlotStatus, 3);
    expect((await reply(device)).seq).toBe(3);
  });

  it("answers a frame too short to parse with CMD_NOT_SUPPORTED", async () => {
    const device = await opened();
    await device.transferOut(1, Uint8Array.of(0x6f, 9, 0, 0));
    expect(replyStatus(await reply(device))).toMatchObject({
      commandStatus: 1,
      error: SlotError.CMD_NOT_SUPPORTED,
    });
  });

  it("raises NotifySlotChange on the interrupt endpoint when the card is pulled", async () => {
    const device = await opened();
    const notification = device.transferIn(3, 8);
    device.removeCard();
    expect(Array.from(bytesOf((await notification).data))).toEqual([0x50, 0x02]);
  });

  it("fails every transfer with NotFoundError once unplugged", async () => {
    const device = await opened();
    const pending = device.transferIn(2, 64);
    device.unplug();
    await expect(pending).rejects.toMatchObject({ name: "NotFoundError" });
    await expect(device.transferOut(1, new Uint8Array(10))).rejects.toMatchObject({ name: "NotFoundError" });
  });

  it("describes itself with a 54-byte CCID class descriptor after the interface descriptor", async () => {
    const device = await opened();
    const config = bytesOf(
      (
        await device.controlTransferIn(
          { requestType: "standard", recipient: "device", request: 6, value: 0x0200, index: 0 },
          512,
        )
      ).data,
    );
    expect(config[9 + 9]).toBe(54);
    expect(config[9 + 9 + 1]).toBe(0x21);
    expect(config.length).toBe(9 + 9 + 54 + 21);
  });
});
