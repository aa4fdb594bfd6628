/**
 * @module Worker-thread side of a CRL load (see `crl-loader.ts`). Per job it is told the CA anchors and either
 * fetches the CRL itself (a conditional GET to J-LIS: the bytes then never touch the request thread) or receives
 * them in chunks, acknowledging each (the sender's flow control). It answers once: not modified, or the verified
 * CRL's facts and its index, whose typed arrays are transferred, not copied.
 */
import { parentPort } from "node:worker_threads";
import { type CrlAnchor, CrlLoadJob, type LoadedCrlData } from "./crl-load-job.ts";
import { RevokedSerialIndex } from "./revoked-serial-index.ts";

/** A CRL download the worker makes itself. */
export interface CrlFetchRequest {
  url: string;
  headers: Record<string, string>;
  ifNoneMatch?: string | undefined;
  /** Until the response headers arrive. */
  timeoutMs: number;
  /** Longest pause between body chunks. */
  idleTimeoutMs: number;
}

export type ToWorker =
  | { type: "start"; anchors: CrlAnchor[]; fetch?: CrlFetchRequest }
  | { type: "chunk"; chunk: Uint8Array }
  | { type: "end" };
export type FromWorker =
  | { type: "ready" }
  | { type: "ack"; bytes: number }
  | { type: "not-modified" }
  | { type: "done"; result: LoadedCrlData; etag: string | undefined }
  | { type: "error"; transport: boolean; code: string; message: string };

const port = parentPort;
if (!port) throw new Error("crl-load-worker runs as a worker thread");
const send = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

let job: CrlLoadJob | undefined;

class TransportFailure extends Error {}

function finish(etag: string | undefined): void {
  const result = (job as CrlLoadJob).finish();
  job = undefined;
  send({ type: "done", result, etag }, new RevokedSerialIndex(result.index).transferables());
}

function failWith(error: unknown): void {
  job = undefined;
  const e = error as { code?: unknown; message?: unknown };
  send({
    type: "error",
    transport: error instanceof TransportFailure,
    code: typeof e.code === "string" ? e.code : "crl_load_failed",
    message: typeof e.message === "string" ? e.message : "the CRL could not be loaded",
  });
}

async function fetchAndLoad(request: CrlFetchRequest): Promise<void> {
  const controller = new AbortController();
  let timer = setTimeout(() => controller.abort(), request.timeoutMs);
  let response: Response;
  try {
    response = await fetch(request.url, {
      headers: {
        ...request.headers,
        ...(request.ifNoneMatch ? { "if-none-match": request.ifNoneMatch } : {}),
      },
      signal: controller.signal,
    });
  } catch {
    throw new TransportFailure("J-LIS could not be reached.");
  } finally {
    clearTimeout(timer);
  }
  if (response.status === 304) {
    job = undefined;
    send({ type: "not-modified" });
    return;
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new TransportFailure(`J-LIS answered ${response.status} to crl.`);
  }
  const reader = response.body.getReader();
  for (;;) {
    timer = setTimeout(() => controller.abort(), request.idleTimeoutMs);
    let chunk: Awaited<ReturnType<typeof reader.read>>;
    try {
      chunk = await reader.read();
    } catch {
      throw new TransportFailure("The CRL download from J-LIS broke off.");
    } finally {
      clearTimeout(timer);
    }
    if (chunk.done) break;
    try {
      (job as CrlLoadJob).push(chunk.value);
    } catch (error) {
      await reader.cancel().catch(() => undefined);
      throw error;
    }
  }
  finish(response.headers.get("etag") ?? undefined);
}

port.on("message", (message: ToWorker) => {
  try {
    if (message.type === "start") {
      job = new CrlLoadJob(message.anchors);
      if (message.fetch) fetchAndLoad(message.fetch).catch(failWith);
    } else if (!job) {
      // A job that already failed: its remaining chunks are dropped.
    } else if (message.type === "chunk") {
      job.push(message.chunk);
      send({ type: "ack", bytes: message.chunk.byteLength });
    } else {
      finish(undefined);
    }
  } catch (error) {
    failWith(error);
  }
});
send({ type: "ready" });
