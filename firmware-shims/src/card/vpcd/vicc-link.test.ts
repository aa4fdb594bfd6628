import { once } from "node:events";
import { type AddressInfo, createServer, type Server, type Socket } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { JPKI_AID, JPKI_EF } from "../applets/jpki-ap.ts";
import { MY_NUMBER_CARD_ATR } from "../emulated-my-number-card.ts";
import { apdu, ascii, selectAid, selectEf } from "../testing/apdu.ts";
import { poweredTestCard } from "../testing/shared-test-card.ts";
import { connectToVpcd, type VpcdLink } from "./vicc-link.ts";
import { FrameReader, frame, VPCD_CONTROL } from "./vpcd-protocol.ts";

/** A stand-in for vpcd: a real TCP server that sends requests and reads the vicc's length-prefixed replies. */
class FakeVpcd {
  readonly server: Server;
  socket: Socket | undefined;
  private readonly reader = new FrameReader();
  private readonly replies: Uint8Array[] = [];
  private waiting: ((reply: Uint8Array) => void) | undefined;

  constructor() {
    this.server = createServer((socket) => {
      this.socket = socket;
      socket.on("data", (chunk: Buffer) => {
        for (const reply of this.reader.push(new Uint8Array(chunk))) {
          if (this.waiting) {
            const resolve = this.waiting;
            this.waiting = undefined;
            resolve(reply);
          } else this.replies.push(reply);
        }
      });
    });
  }

  async listen(): Promise<number> {
    this.server.listen(0, "127.0.0.1");
    await once(this.server, "listening");
    return (this.server.address() as AddressInfo).port;
  }

  async connected(): Promise<Socket> {
    while (!this.socket) await new Promise((resolve) => setTimeout(resolve, 5));
    return this.socket;
  }

  control(code: number): void {
    this.socket!.write(frame(Uint8Array.of(code)));
  }

  request(payload: Uint8Array): Promise<Uint8Array> {
    this.socket!.write(frame(payload));
    return this.nextReply();
  }

  nextReply(): Promise<Uint8Array> {
    const ready = this.replies.shift();
    if (ready) return Promise.resolve(ready);
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  close(): void {
    this.socket?.destroy();
    this.server.close();
  }
}

let vpcd: FakeVpcd;
let link: VpcdLink;

beforeEach(async () => {
  vpcd = new FakeVpcd();
  const port = await vpcd.listen();
  const card = await poweredTestCard();
  card.powerOff();
  link = await connectToVpcd(card, { host: "127.0.0.1", port });
  await vpcd.connected();
});

afterEach(() => {
  link.close();
  vpcd.close();
});

const sw = (reply: Uint8Array) => (reply.at(-2)! << 8) | reply.at(-1)!;

describe("vicc link to vpcd", () => {
  it("answers GET ATR with the card's ATR", async () => {
    vpcd.control(VPCD_CONTROL.GET_ATR);
    expect([...(await vpcd.nextReply())]).toEqual([...MY_NUMBER_CARD_ATR]);
  });

  it("powers the card on and passes APDUs through", async () => {
    vpcd.control(VPCD_CONTROL.POWER_ON);
    expect(sw(await vpcd.request(selectAid(JPKI_AID)))).toBe(0x9000);
    expect(sw(await vpcd.request(selectEf(JPKI_EF.AUTH_PIN)))).toBe(0x9000);
    expect(sw(await vpcd.request(apdu(0x00, 0x20, 0x00, 0x80)))).toBe(0x63c3);
  });

  it("keeps the PIN state across GET ATR presence polls", async () => {
    vpcd.control(VPCD_CONTROL.POWER_ON);
    await vpcd.request(selectAid(JPKI_AID));
    await vpcd.request(apdu(0x00, 0x20, 0x00, 0x98, 0x04, ascii("1234")));
    vpcd.control(VPCD_CONTROL.GET_ATR);
    await vpcd.nextReply();
    const signature = await vpcd.request(apdu(0x80, 0x2a, 0x00, 0x97, 0x01, 0x00, 0x00));
    expect(sw(signature)).toBe(0x9000);
    expect(signature.length).toBe(258);
  });

  it("clears the PIN state on a reset", async () => {
    vpcd.control(VPCD_CONTROL.POWER_ON);
    await vpcd.request(selectAid(JPKI_AID));
    await vpcd.request(apdu(0x00, 0x20, 0x00, 0x98, 0x04, ascii("1234")));
    vpcd.control(VPCD_CONTROL.RESET);
    await vpcd.request(selectAid(JPKI_AID));
    expect(sw(await vpcd.request(apdu(0x80, 0x2a, 0x00, 0x97, 0x01, 0x00, 0x00)))).toBe(0x6982);
  });

  it("answers a command after power-off with 6F00 (a mute card)", async () => {
    vpcd.control(VPCD_CONTROL.POWER_ON);
    vpcd.control(VPCD_CONTROL.POWER_OFF);
    expect(sw(await vpcd.request(selectAid(JPKI_AID)))).toBe(0x6f00);
  });

  it("carries an extended READ BINARY reply longer than 256 bytes", async () => {
    vpcd.control(VPCD_CONTROL.POWER_ON);
    await vpcd.request(selectAid(JPKI_AID));
    const reply = await vpcd.request(apdu(0x00, 0xb0, 0x8a, 0x00, 0x00, 0x00, 0x00));
    expect(sw(reply)).toBe(0x9000);
    expect(reply.length).toBeGreaterThan(258);
  });

  it("reassembles requests split across TCP segments and several in one segment", async () => {
    const select = frame(selectAid(JPKI_AID));
    const power = frame(Uint8Array.of(VPCD_CONTROL.POWER_ON));
    const both = new Uint8Array([...power, ...select]);
    vpcd.socket!.write(both.subarray(0, 5));
    await new Promise((resolve) => setTimeout(resolve, 20));
    vpcd.socket!.write(both.subarray(5));
    expect(sw(await vpcd.nextReply())).toBe(0x9000);
  });

  it("reports the link closed when vpcd goes away", async () => {
    vpcd.socket!.destroy();
    await link.closed;
  });
});

describe("connectToVpcd", () => {
  it("rejects when no vpcd is listening", async () => {
    const server = createServer();
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const { port } = server.address() as AddressInfo;
    server.close();
    await once(server, "close");
    const card = await poweredTestCard();
    await expect(connectToVpcd(card, { port })).rejects.toMatchObject({ code: "ECONNREFUSED" });
  });
});
