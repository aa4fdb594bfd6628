/**
 * @module Worker-thread entry of a CRL load (see `crl-loader.ts`): told the CA anchors, receives the CRL's bytes in
 * chunks, acknowledges each one (the sender's flow control), and answers once with the verified CRL's facts and
 * its index, whose typed arrays are transferred, not copied.
 */
import { parentPort } from "node:worker_threads";
import { type CrlAnchor, CrlLoadJob } from "./crl-load-job.ts";
import { RevokedSerialIndex } from "./revoked-serial-index.ts";

export type ToWorker =
  | { type: "start"; anchors: CrlAnchor[] }
  | { type: "chunk"; chunk: Uint8Array }
  | { type: "end" };
export type FromWorker =
  | { type: "ack"; bytes: number }
  | { type: "done"; result: import("./crl-load-job.ts").LoadedCrlData }
  | { type: "error"; code: string; message: string };

const port = parentPort;
if (!port) throw new Error("crl-load-worker runs as a worker thread");
let job: CrlLoadJob | undefined;
let failed = false;

const send = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

port.on("message", (message: ToWorker) => {
  if (failed) return;
  try {
    if (message.type === "start") {
      job = new CrlLoadJob(message.anchors);
    } else if (!job) {
      throw new Error("the CRL load was not started");
    } else if (message.type === "chunk") {
      job.push(message.chunk);
      send({ type: "ack", bytes: message.chunk.byteLength });
    } else {
      const result = job.finish();
      send({ type: "done", result }, new RevokedSerialIndex(result.index).transferables());
    }
  } catch (error) {
    failed = true;
    const e = error as { code?: unknown; message?: unknown };
    send({
      type: "error",
      code: typeof e.code === "string" ? e.code : "crl_load_failed",
      message: typeof e.message === "string" ? e.message : "the CRL could not be loaded",
    });
  }
});
