/**
 * @module Sends a command APDU through a raw channel and applies the ISO 7816-4 transport rules a T=0 card or
 * an APDU-level reader may leave to the host: `61xx` (more data: GET RESPONSE with Le=xx) and `6Cxx` (wrong Le:
 * re-issue the same command with Le=xx).
 */
import { concatBytes } from "@catv/jpki/bytes";
import { ReaderError } from "../ccid/errors.ts";
import { type CommandApdu, encodeCommandApdu } from "./command-apdu.ts";
import { decodeResponseApdu, type ResponseApdu } from "./response-apdu.ts";

/** Sends raw command bytes and answers raw response bytes (the reader's XfrBlock, say). */
export type RawTransmit = (command: Uint8Array) => Promise<Uint8Array>;

/** A bound on GET RESPONSE rounds so that a card answering 61xx forever cannot hang the host. */
const MAX_GET_RESPONSE_ROUNDS = 256;

export async function transmitApdu(raw: RawTransmit, command: CommandApdu): Promise<ResponseApdu> {
  let response = decodeResponseApdu(await raw(encodeCommandApdu(command)));
  if (response.sw >> 8 === 0x6c) {
    // 6Cxx: the card tells the exact Le; xx = 00 means 256.
    const le = response.sw & 0xff || 256;
    response = decodeResponseApdu(await raw(encodeCommandApdu({ ...command, le })));
  }
  if (response.sw >> 8 !== 0x61) return response;
  const parts: Uint8Array[] = [response.data];
  for (let round = 0; round < MAX_GET_RESPONSE_ROUNDS; round++) {
    const le = response.sw & 0xff || 256;
    response = decodeResponseApdu(
      await raw(encodeCommandApdu({ cla: command.cla & 0x03, ins: 0xc0, p1: 0, p2: 0, le })),
    );
    parts.push(response.data);
    if (response.sw >> 8 !== 0x61) return { data: concatBytes(...parts), sw: response.sw };
  }
  throw new ReaderError("card_protocol_error", "the card kept answering 61xx to GET RESPONSE");
}
