import { describe, expect, it } from "vitest";
import { VirtualCcidReader } from "../reader/virtual-ccid-reader.ts";
import { ReaderMonitor, type ReaderPresence, type UsbLike } from "./reader-monitor.ts";
import { EchoCard } from "./testing/echo-card.ts";

/** navigator.usb over one virtual reader: lists it while plugged and raises connect / disconnect. */
function fakeUsb(device: VirtualCcidReader): UsbLike {
  const target = new EventTarget();
  device.onConnectionChange((connected) =>
    target.dispatchEvent(Object.assign(new Event(connected ? "connect" : "disconnect"), { device })),
  );
  return {
    getDevices: async () => (device.plugged ? [device] : []),
    addEventListener: (type, listener) => target.addEventListener(type, listener as unknown as EventListener),
    removeEventListener: (type, listener) =>
      target.removeEventListener(type, listener as unknown as EventListener),
  };
}

const until = (monitor: ReaderMonitor, presence: ReaderPresence) =>
  new Promise<void>((resolve) => {
    if (monitor.presence === presence) resolve();
    const off = monitor.onChange((p) => {
      if (p === presence) {
        off();
        resolve();
      }
    });
  });

describe("ReaderMonitor", () => {
  it("sees a card already on the reader when it starts", async () => {
    const device = new VirtualCcidReader();
    device.insertCard(new EchoCard());
    const monitor = await ReaderMonitor.start(fakeUsb(device));
    await until(monitor, "card-present");
    monitor.stop();
  });

  it("resolves waitForCard when a card is inserted, and reports its removal", async () => {
    const device = new VirtualCcidReader();
    const monitor = await ReaderMonitor.start(fakeUsb(device));
    expect(monitor.presence).toBe("no-card");
    const waiting = monitor.waitForCard();
    device.insertCard(new EchoCard());
    await waiting;
    const removed = new Promise<void>((resolve) => monitor.onCardRemoved(resolve));
    device.removeCard();
    await removed;
    expect(monitor.presence).toBe("no-card");
    monitor.stop();
  });

  it("rejects waitForCard when its signal aborts", async () => {
    const monitor = await ReaderMonitor.start(fakeUsb(new VirtualCcidReader()));
    const controller = new AbortController();
    const waiting = monitor.waitForCard(controller.signal);
    controller.abort(new Error("viewer went back"));
    await expect(waiting).rejects.toThrow("viewer went back");
    monitor.stop();
  });

  it("refuses withCard with no_card while the reader is empty", async () => {
    const monitor = await ReaderMonitor.start(fakeUsb(new VirtualCcidReader()));
    await expect(monitor.withCard(async () => 1)).rejects.toMatchObject({ code: "no_card" });
    monitor.stop();
  });

  it("follows the reader through unplug and replug", async () => {
    const device = new VirtualCcidReader();
    device.insertCard(new EchoCard());
    const monitor = await ReaderMonitor.start(fakeUsb(device));
    await until(monitor, "card-present");
    device.unplug();
    await until(monitor, "no-reader");
    await expect(monitor.withCard(async () => 1)).rejects.toMatchObject({ code: "reader_not_found" });
    device.plug();
    await until(monitor, "card-present");
    expect(await monitor.withCard(async () => "ok")).toBe("ok");
    monitor.stop();
  });
});
