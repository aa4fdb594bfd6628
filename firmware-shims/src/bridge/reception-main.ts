/**
 * @module Entry of a hospital reception terminal's firmware bridge (`bin/reception-bridge.mjs`, port
 * RECEPTION_BRIDGE_PORT, 127.0.0.1 only): the same bridge as the STB's, holding the reception terminal's key
 * (RECEPTION_TERMINAL_ID) and open only to the hospital's reception page (HOSPITAL_URL).
 */
import { RECEPTION_BRIDGE } from "./config.ts";
import { runBridge } from "./run-bridge.ts";

await runBridge(RECEPTION_BRIDGE);
