/**
 * @module Loads a CRL off the request path: its bytes, as they arrive, go to a worker thread that parses,
 * verifies and indexes them (`crl-load-worker.ts`); the main thread only copies chunks into 1 MiB batches and
 * waits when 8 MiB are in flight, so a login is not held up while millions of entries are read. A fresh worker per
 * load, ended afterwards, so the load's scratch memory is returned at once; the next one is started beforehand.
 */
import { Worker } from "node:worker_threads";
import { CrlRefusal, certificateSubject } from "./crl-der.ts";
import { type CrlAnchor, type CrlInfo, CrlLoadJob, type LoadedCrlData } from "./crl-load-job.ts";
import type { FromWorker, ToWorker } from "./crl-load-worker.ts";
import { RevokedSerialIndex } from "./revoked-serial-index.ts";

export interface LoadedCrl {
  info: CrlInfo;
  index: RevokedSerialIndex;
}

/** Reads a CRL's bytes to its verified facts and index, or rejects with a `CrlRefusal`. */
export type CrlLoader = (body: AsyncIterable<Uint8Array>, anchors: CrlAnchor[]) => Promise<LoadedCrl>;

const BATCH_BYTES = 1 << 20;
const MAX_IN_FLIGHT = 8 << 20;

// One worker is kept started and idle (unref'd: it never keeps the process alive), so a load does not wait the
// few hundred milliseconds a worker takes to start; each load then gets its own worker, ended afterwards.
let spare: Worker | undefined;
const WORKER_URL = new URL("./crl-load-worker.ts", import.meta.url);

function startSpare(): void {
  if (spare) return;
  const worker = new Worker(WORKER_URL);
  worker.unref();
  const forget = () => {
    if (spare === worker) spare = undefined;
  };
  worker.once("error", forget);
  worker.once("exit", forget);
  spare = worker;
}

function takeWorker(): Worker {
  startSpare();
  const worker = spare as Worker;
  spare = undefined;
  worker.removeAllListeners();
  worker.ref();
  return worker;
}

export const loadCrlInWorker: CrlLoader = async (body, anchors) => {
  const worker = takeWorker();
  worker.postMessage({ type: "start", anchors } satisfies ToWorker);
  let inFlight = 0;
  let resume: (() => void) | undefined;
  let failed = false;
  const outcome = new Promise<LoadedCrlData>((resolve, reject) => {
    worker.on("message", (message: FromWorker) => {
      if (message.type === "ack") {
        inFlight -= message.bytes;
        if (inFlight <= MAX_IN_FLIGHT / 2) resume?.();
      } else if (message.type === "done") {
        resolve(message.result);
      } else {
        reject(new CrlRefusal(message.code, message.message));
      }
    });
    worker.on("error", () => reject(new CrlRefusal("crl_load_failed", "the CRL worker failed")));
    worker.on("exit", (code) =>
      reject(new CrlRefusal("crl_load_failed", `the CRL worker stopped (${code})`)),
    );
  });
  outcome.catch(() => {
    failed = true;
    resume?.();
  });

  let batch = new Uint8Array(BATCH_BYTES);
  let filled = 0;
  const flush = async () => {
    if (filled === 0) return;
    const chunk = filled === batch.length ? batch : batch.slice(0, filled);
    inFlight += chunk.byteLength;
    worker.postMessage({ type: "chunk", chunk } satisfies ToWorker, [chunk.buffer]);
    batch = new Uint8Array(BATCH_BYTES);
    filled = 0;
    if (inFlight > MAX_IN_FLIGHT && !failed) {
      await new Promise<void>((resolve) => {
        resume = () => {
          resume = undefined;
          resolve();
        };
      });
    }
  };
  try {
    for await (const chunk of body) {
      if (failed) break;
      // Copied, never transferred: the HTTP client may still own the memory behind its chunks.
      let offset = 0;
      while (offset < chunk.length) {
        const take = Math.min(chunk.length - offset, BATCH_BYTES - filled);
        batch.set(chunk.subarray(offset, offset + take), filled);
        filled += take;
        offset += take;
        if (filled === BATCH_BYTES) await flush();
      }
    }
    if (!failed) {
      await flush();
      worker.postMessage({ type: "end" } satisfies ToWorker);
    }
    const data = await outcome;
    return { info: data.info, index: new RevokedSerialIndex(data.index) };
  } finally {
    await worker.terminate();
    startSpare();
  }
};

/** The same load on the calling thread: for tests and tools, not for the server's request thread. */
export const loadCrlHere: CrlLoader = async (body, anchors) => {
  const job = new CrlLoadJob(anchors);
  for await (const chunk of body) job.push(chunk);
  const data = job.finish();
  return { info: data.info, index: new RevokedSerialIndex(data.index) };
};

/** A CA certificate as a CRL anchor: its subject exactly as encoded (what a CRL's issuer must equal) and its key. */
export function crlAnchorOf(certificateDer: Uint8Array, spkiDer: Uint8Array): CrlAnchor {
  return { subject: certificateSubject(certificateDer), spki: spkiDer.slice() };
}

/** Bytes in memory as a stream of chunks (tests, tools). */
export async function* chunksOf(bytes: Uint8Array, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let offset = 0; offset < bytes.length; offset += size) yield bytes.subarray(offset, offset + size);
}
