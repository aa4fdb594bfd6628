/**
 * @module The reception terminal page's entry (bundled by the hospital's server): connects to the terminal's
 * firmware bridge with the boot data the page carries, follows the reader, and runs the patient screens and the
 * background retry of checks. If the bridge goes away for good (it restarted with a new token), the page reloads
 * to pick up the new boot data.
 */
import { connectFirmwareBridge } from "@catv/firmware-shims/browser";
import { ReaderMonitor } from "@catv/firmware-shims/driver";
import { ReceptionBackend } from "./backend-client.ts";
import { FirmwareCardPort } from "./card-port.ts";
import { ReceptionController } from "./reception-controller.ts";
import { startRetryLoop } from "./retry-loop.ts";
import { mountScreens } from "./screens.ts";

interface ReceptionBoot {
  bridge: { wsUrl: string; token: string } | null;
  institutionName: string;
  method: "pinless" | "pin";
  retryPollMs: number;
}

const RELOAD_AFTER_MS = 8_000;

async function start(): Promise<void> {
  const boot = JSON.parse(document.getElementById("reception-boot")?.textContent ?? "{}") as ReceptionBoot;
  const root = document.getElementById("screen")!;
  const readerState = document.getElementById("reader-state");
  const clock = document.getElementById("clock");
  const tick = () => {
    // In JST, as the desk screen and the records show times, whatever time zone the terminal's OS is set to.
    if (clock)
      clock.textContent = new Date().toLocaleTimeString("ja-JP", {
        hour: "2-digit",
        minute: "2-digit",
        timeZone: "Asia/Tokyo",
      });
  };
  tick();
  setInterval(tick, 10_000);

  const reloadLater = () => setTimeout(() => location.reload(), RELOAD_AFTER_MS);
  let bridge: Awaited<ReturnType<typeof connectFirmwareBridge>> | undefined;
  try {
    if (boot.bridge) bridge = await connectFirmwareBridge(boot.bridge);
  } catch {
    bridge = undefined;
  }
  const backend = new ReceptionBackend(
    bridge ?? { createTerminalAssertion: () => Promise.reject(new Error("no bridge")) },
  );
  const monitor = bridge ? await ReaderMonitor.start(bridge.usb) : undefined;
  const controller = new ReceptionController({
    card: new FirmwareCardPort(monitor!),
    backend,
    method: boot.method,
  });
  mountScreens(root, { controller });
  (window as unknown as { __reception?: ReceptionController }).__reception = controller;
  if (!bridge || !monitor) {
    controller.bridgeUnavailable("bridge_unavailable");
    reloadLater();
    return;
  }
  let lostTimer: ReturnType<typeof setTimeout> | undefined;
  bridge.onStatus((status) => {
    clearTimeout(lostTimer);
    if (!status.connected) lostTimer = reloadLater();
  });
  const showReader = (presence: string) => {
    if (!readerState) return;
    readerState.dataset.state = presence;
    readerState.textContent =
      presence === "no-reader"
        ? "カードリーダー：未接続"
        : presence === "card-present"
          ? "カードあり"
          : "カードリーダー：接続中";
  };
  monitor.onChange((presence) => {
    showReader(presence);
    controller.presenceChanged(presence);
  });
  showReader(monitor.presence);
  controller.presenceChanged(monitor.presence === "no-reader" ? "no-reader" : "no-card");
  if (monitor.presence === "card-present") controller.presenceChanged("card-present");
  startRetryLoop(backend, { intervalMs: boot.retryPollMs });
}

void start();
