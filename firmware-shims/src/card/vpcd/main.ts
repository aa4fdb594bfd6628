/**
 * @module `card-vpcd <card image>`: puts an emulated My Number card into vsmartcard's virtual PC/SC reader, so
 * `pcsc_scan`, OpenSC's `pkcs15-tool` and other PC/SC middleware on a developer's machine can use it. Counter
 * changes are written back to the image. Reconnects while vpcd restarts; Ctrl-C removes the card.
 */
import { parseArgs } from "node:util";
import { EmulatedMyNumberCard } from "../emulated-my-number-card.ts";
import { CardImageError, CardImageStore } from "../store/card-image-store.ts";
import { parseTiming } from "../timing/card-timing.ts";
import { connectToVpcd, type VpcdLink } from "./vicc-link.ts";
import { VPCD_DEFAULT_PORT } from "./vpcd-protocol.ts";

const USAGE = `usage: card-vpcd <card image.json> [--host 127.0.0.1] [--port ${VPCD_DEFAULT_PORT}] [--timing off|real|<cmd ms>,<byte ms>,<sig ms>]`;
const RETRY_MS = 2000;

async function main(): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse();
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const { path, host, port, timing } = parsed;
  const store = new CardImageStore(path);
  let card: EmulatedMyNumberCard;
  try {
    card = new EmulatedMyNumberCard(await store.load(), { store, timing });
  } catch (error) {
    console.error(
      error instanceof CardImageError ? error.message : `cannot load the card: ${(error as Error).message}`,
    );
    return 1;
  }

  let link: VpcdLink | undefined;
  let stopping = false;
  process.once("SIGINT", () => {
    stopping = true;
    link?.close();
  });
  process.once("SIGTERM", () => {
    stopping = true;
    link?.close();
  });

  let announcedWaiting = false;
  while (!stopping) {
    try {
      link = await connectToVpcd(card, { host, port });
      announcedWaiting = false;
      // Only the opaque card id: the display label is the holder's name.
      console.log(`card ${card.cardId} inserted into vpcd at ${host}:${port}`);
      await link.closed;
      console.log(`card ${card.cardId} removed (vpcd closed the connection)`);
    } catch (error) {
      if (!announcedWaiting) {
        console.log(
          `waiting for vpcd at ${host}:${port} (${(error as NodeJS.ErrnoException).code ?? "error"}); is pcscd running?`,
        );
        announcedWaiting = true;
      }
    }
    if (!stopping) await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
  return 0;
}

function parse() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      host: { type: "string", default: "127.0.0.1" },
      port: { type: "string", default: String(VPCD_DEFAULT_PORT) },
      timing: { type: "string", default: "real" },
    },
  });
  if (positionals.length !== 1) throw new Error("give exactly one card image file");
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`not a TCP port: ${values.port}`);
  const timing = parseTiming(values.timing);
  if (!timing) throw new Error(`not a timing: ${values.timing}`);
  return { path: positionals[0]!, host: values.host, port, timing };
}

process.exitCode = await main();
