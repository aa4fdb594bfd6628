import { describe, expect, it } from "vitest";
import { VirtualCcidReader, type VirtualReaderOptions } from "../reader/virtual-ccid-reader.ts";
import { CcidReader } from "./ccid-reader.ts";
import { ECHO_CARD_ATR, EchoCard } from "./testing/echo-card.ts";

async function setup(options: VirtualReaderOptions = {}, timeoutMs = 1000) {
  const device = new VirtualCcidReader(options);
  const card = new EchoCard();
  device.insertCard(card);
  const reader = await CcidReader.open(device, { timeoutMs });
  return { device, card, reader };
}

const read = (le: number) => ({ cla: 0, ins: 0xb0, p1: 0, p2: 0, le });
const update = (n: number) => ({
  cla: 0,
  ins: 0xd6,
  p1: 0,
  p2: 0,
  data: Uint8Array.from({ length: n }, (_, i) => i * 7),
  le: 65536,
});
const nextEvent = (reader: CcidReader, event: "card-inserted" | "card-removed" | "unplugged") =>
  new Promise<void>((resolve) => {
    const off = reader.on(event, () => {
      off();
      resolve();
    });
  });

describe("CcidReader against the virtual reader", () => {
  it("reads the class descriptor through GET_DESCRIPTOR and learns the exchange level", async () => {
    const { reader } = await setup({ exchangeLevel: "short-apdu" });
    expect(reader.descriptor.exchangeLevel).toBe("short-apdu");
    expect(reader.maxApduLength).toBe(261);
  });

  it("accepts a vendor-class (0xFF) interface that carries the CCID descriptor", async () => {
    const { reader } = await setup({ interfaceClass: 0xff });
    expect(reader.descriptor.bcdCcid).toBe(0x0110);
  });

  it("powers the card on and returns its ATR", async () => {
    const { reader } = await setup();
    expect(await reader.powerOn()).toEqual(ECHO_CARD_ATR);
  });

  it("reports the slot as inactive, active and absent through GetSlotStatus", async () => {
    const { reader, device } = await setup();
    expect(await reader.getSlotStatus()).toBe("inactive");
    await reader.powerOn();
    expect(await reader.getSlotStatus()).toBe("active");
    device.removeCard();
    expect(await reader.getSlotStatus()).toBe("absent");
  });

  it("powers the card off with IccPowerOff", async () => {
    const { reader, card } = await setup();
    await reader.powerOn();
    await reader.powerOff();
    expect(card.powered).toBe(false);
    expect(await reader.getSlotStatus()).toBe("inactive");
  });

  it("exchanges a short APDU with XfrBlock at short-APDU level", async () => {
    const { reader } = await setup({ exchangeLevel: "short-apdu" });
    await reader.powerOn();
    const response = await reader.transmitApdu(read(256));
    expect(response.sw).toBe(0x9000);
    expect(response.data.length).toBe(256);
  });

  it("refuses an extended APDU on a short-APDU level reader without sending it", async () => {
    const { reader, card } = await setup({ exchangeLevel: "short-apdu" });
    await reader.powerOn();
    await expect(reader.transmitApdu(read(1000))).rejects.toMatchObject({ code: "apdu_invalid" });
    expect(card.commands).toHaveLength(0);
  });

  it("exchanges an extended APDU with Le 65536 in one message at extended level", async () => {
    const { reader } = await setup();
    await reader.powerOn();
    const response = await reader.transmitApdu(read(65536));
    expect(response.data.length).toBe(65536);
    expect(response.data[300]).toBe(300 & 0xff);
  });

  it("chains a long command and a long response through wLevelParameter when messages are small", async () => {
    const { reader, card } = await setup({ exchangeLevel: "extended-apdu", maxMessageLength: 10 + 64 });
    await reader.powerOn();
    const command = update(1000);
    const response = await reader.transmitApdu(command);
    expect(response.sw).toBe(0x9000);
    expect(response.data).toEqual(command.data);
    expect(card.commands).toHaveLength(1);
  });

  it("turns the 6Cxx and 61xx transport statuses into one response", async () => {
    const { reader } = await setup();
    await reader.powerOn();
    expect((await reader.transmitApdu({ cla: 0, ins: 0xca, p1: 0, p2: 1, le: 256 })).data.length).toBe(16);
    expect((await reader.transmitApdu({ cla: 0, ins: 0xca, p1: 0, p2: 2, le: 256 })).data.length).toBe(200);
  });

  it("reports no_card when powering an empty slot", async () => {
    const { reader, device } = await setup();
    device.removeCard();
    await expect(reader.powerOn()).rejects.toMatchObject({ code: "no_card" });
  });

  it("raises card-removed and card-inserted from NotifySlotChange", async () => {
    const { reader, device, card } = await setup();
    const removed = nextEvent(reader, "card-removed");
    device.removeCard();
    await removed;
    const inserted = nextEvent(reader, "card-inserted");
    device.insertCard(card);
    await inserted;
  });

  it("reports card_removed for a card pulled mid-command, and works again once it is back", async () => {
    const { reader, device, card } = await setup();
    await reader.powerOn();
    device.faults.pullCardOnNextCommand = true;
    await expect(reader.transmitApdu(read(4))).rejects.toMatchObject({ code: "card_removed" });
    device.insertCard(card);
    await reader.powerOn();
    expect((await reader.transmitApdu(read(4))).sw).toBe(0x9000);
  });

  it("honours time-extension replies beyond its own timeout", async () => {
    const { reader, card } = await setup({ timeExtensionAfterMs: 50 }, 400);
    await reader.powerOn();
    card.delayMs = 1200;
    expect((await reader.transmitApdu(read(4))).sw).toBe(0x9000);
  });

  it("times out on a reader that never answers, aborts, and the next command works", async () => {
    const { reader, device } = await setup({}, 100);
    await reader.powerOn();
    device.faults.dropNextReplies = 1;
    await expect(reader.transmitApdu(read(4))).rejects.toMatchObject({ code: "timeout" });
    expect((await reader.transmitApdu(read(4))).sw).toBe(0x9000);
  });

  it("reports a garbage frame as malformed_reply, and the next command works", async () => {
    const { reader, device } = await setup();
    await reader.powerOn();
    device.faults.garbleNextReplies = 1;
    await expect(reader.transmitApdu(read(4))).rejects.toMatchObject({ code: "malformed_reply" });
    expect((await reader.transmitApdu(read(4))).sw).toBe(0x9000);
  });

  it("reports reader_unplugged for a command in flight when the reader is unplugged", async () => {
    const { reader, device, card } = await setup();
    await reader.powerOn();
    card.delayMs = 60_000;
    const unplugged = nextEvent(reader, "unplugged");
    const pending = reader.transmitApdu(read(4));
    while (card.commands.length === 0) await new Promise((r) => setTimeout(r, 5));
    device.unplug();
    await expect(pending).rejects.toMatchObject({ code: "reader_unplugged" });
    await unplugged;
    await expect(reader.getSlotStatus()).rejects.toMatchObject({ code: "reader_unplugged" });
  });

  it("opens the reader again after it is plugged back in", async () => {
    const { reader, device } = await setup();
    device.unplug();
    await reader.close();
    device.plug();
    const again = await CcidReader.open(device);
    expect(await again.powerOn()).toEqual(ECHO_CARD_ATR);
  });
});

describe("CcidReader error mapping", () => {
  it("reports reader_hardware_error when the card fails inside the reader", async () => {
    const { device, reader } = await setup();
    const broken = new EchoCard();
    broken.transmit = () => Promise.reject(new Error("chip fault"));
    device.insertCard(broken);
    await reader.powerOn();
    await expect(reader.transmitApdu(read(4))).rejects.toMatchObject({ code: "reader_hardware_error" });
  });

  it("refuses a device without a CCID interface with reader_unsupported", async () => {
    const device = new VirtualCcidReader({ interfaceClass: 0x03 });
    await expect(CcidReader.open(device)).rejects.toMatchObject({ code: "reader_unsupported" });
  });

  it("gives up with timeout on a device that never finishes opening", async () => {
    const device = new VirtualCcidReader();
    device.open = () => new Promise(() => undefined);
    await expect(CcidReader.open(device, { timeoutMs: 50 })).rejects.toMatchObject({ code: "timeout" });
  });

  it("carries a Japanese sentence for the viewer on every error", async () => {
    const { device, reader } = await setup();
    device.removeCard();
    const error = await reader.powerOn().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "no_card", retryable: true });
    expect((error as { plainJa: string }).plainJa).toContain("カード");
  });
});
