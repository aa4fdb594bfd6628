/**
 * @module The vicc side of vsmartcard's virtual PC/SC reader: plugs a `SmartCard` into `vpcd` (Debian
 * `vsmartcard-vpcd`, loaded by `pcscd`), so PC/SC middleware such as OpenSC reads and signs with the emulated card.
 * vpcd listens (port 35963 for its first slot) and the vicc connects; closing the socket is a card removal.
 */
import { connect, type Socket } from "node:net";
import type { SmartCard } from "../smart-card.ts";
import { FrameReader, frame, VPCD_CONTROL, VPCD_DEFAULT_PORT } from "./vpcd-protocol.ts";

export interface VpcdLinkOptions {
  host?: string;
  port?: number;
}

export interface VpcdLink {
  /** Resolves when vpcd closes the connection or `close` is called (the card is then "removed"). */
  readonly closed: Promise<void>;
  /** Removes the card from the virtual reader. */
  close(): void;
}

/**
 * Connects to a listening vpcd and serves its requests until either side closes.
 * @example const link = await connectToVpcd(card, { port: 35963 }); await link.closed;
 */
export function connectToVpcd(card: SmartCard, options: VpcdLinkOptions = {}): Promise<VpcdLink> {
  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? VPCD_DEFAULT_PORT;
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    socket.once("error", reject);
    socket.once("connect", () => {
      socket.off("error", reject);
      socket.setNoDelay(true);
      resolve(serveVpcd(card, socket));
    });
  });
}

/** Serves vpcd on an open socket (also usable when vpcd dials the vicc, vpcd's reversed mode). */
export function serveVpcd(card: SmartCard, socket: Socket): VpcdLink {
  const reader = new FrameReader();
  const state: LinkState = { atr: undefined };
  // Requests are answered strictly in order: vpcd waits for each reply, but a slow signature must not let a later
  // GET ATR poll overtake it.
  let chain: Promise<void> = Promise.resolve();
  const closed = new Promise<void>((resolve) => {
    socket.once("close", () => resolve());
  });
  // A reset or refused connection ends the link like a removal; `closed` reports it.
  socket.on("error", () => socket.destroy());
  socket.on("data", (chunk: Buffer) => {
    for (const payload of reader.push(new Uint8Array(chunk))) {
      chain = chain.then(() => answer(card, state, payload, socket));
    }
  });
  return {
    closed,
    close: () => {
      socket.end();
      socket.destroySoon?.();
    },
  };
}

interface LinkState {
  /** The ATR of the last power-on: pcscd polls presence with GET ATR during a session, which must not reset it. */
  atr: Uint8Array | undefined;
}

async function answer(card: SmartCard, state: LinkState, payload: Uint8Array, socket: Socket): Promise<void> {
  if (payload.length === 1) {
    switch (payload[0]) {
      case VPCD_CONTROL.POWER_OFF:
        card.powerOff();
        return;
      case VPCD_CONTROL.POWER_ON:
      case VPCD_CONTROL.RESET:
        state.atr = card.powerOn();
        return;
      case VPCD_CONTROL.GET_ATR:
        // Before any power-on (the card was just inserted) one reset learns the ATR; no session exists to lose.
        state.atr ??= card.powerOn();
        write(socket, state.atr);
        return;
      default:
        // api.txt: every 1-byte payload is a control message; unknown ones get no reply.
        return;
    }
  }
  const response = await card.transmit(payload);
  write(socket, response);
}

function write(socket: Socket, payload: Uint8Array): void {
  if (!socket.destroyed) socket.write(frame(payload));
}
