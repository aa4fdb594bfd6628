/**
 * @module Loads a CRL off the request path, in a worker thread (`crl-load-worker.ts`) that parses, verifies and
 * indexes it. Best, the worker downloads the CRL itself (`fetchCrlInWorker`): the request thread then only posts a
 * request and receives the finished index, so a login is not held up while millions of entries arrive and are
 * read. Bytes the caller already has go through `loadCrlInWorker` (copied into 1 MiB batches, at most 8 MiB in
 * flight).
 *
 * One worker is kept started and idle (unref'd: it never keeps the process alive) and reused, so a poll that
 * finds nothing new or a small delta CRL does not pay for starting a thread; after a large CRL, or a failure, it
 * is ended (returning the load's scratch memory at once) and a fresh one started.
 */
import { Worker } from "node:worker_threads";
import { fail } from "../platform/errors.ts";
import { CrlRefusal, certificateSubject } from "./crl-der.ts";
import { type CrlAnchor, type CrlInfo, CrlLoadJob, type LoadedCrlData } from "./crl-load-job.ts";
import type { CrlFetchRequest, FromWorker, ToWorker } from "./crl-load-worker.ts";
import { RevokedSerialIndex } from "./revoked-serial-index.ts";

export type { CrlFetchRequest } from "./crl-load-worker.ts";

export interface LoadedCrl {
  info: CrlInfo;
  index: RevokedSerialIndex;
}

/** Reads a CRL's bytes to its verified facts and index, or rejects with a `CrlRefusal`. */
export type CrlLoader = (body: AsyncIterable<Uint8Array>, anchors: CrlAnchor[]) => Promise<LoadedCrl>;

const BATCH_BYTES = 1 << 20;
const MAX_IN_FLIGHT = 8 << 20;
/** A worker that read a CRL larger than this is ended rather than kept for the next load. */
const RECYCLE_AFTER_BYTES = 16 << 20;
const WORKER_URL = new URL("./crl-load-worker.ts", import.meta.url);

class LoadWorker {
  readonly worker = new Worker(WORKER_URL);
  readonly ready: Promise<void>;
  dead = false;
  onMessage: ((message: FromWorker) => void) | undefined;
  onFailure: ((error: Error) => void) | undefined;

  constructor() {
    let started = () => {};
    this.ready = new Promise<void>((resolve) => {
      started = resolve;
    });
    const died = (why: string) => {
      this.dead = true;
      started();
      this.onFailure?.(new CrlRefusal("crl_load_failed", why));
    };
    this.worker.on("message", (message: FromWorker) => {
      if (message.type === "ready") started();
      else this.onMessage?.(message);
    });
    this.worker.on("error", () => died("the CRL worker failed"));
    this.worker.on("exit", (code) => died(`the CRL worker stopped (${code})`));
    // After the listeners: adding a message listener refs the worker again.
    this.worker.unref();
  }
}

let idle: LoadWorker | undefined;

function takeWorker(): LoadWorker {
  const worker = idle && !idle.dead ? idle : new LoadWorker();
  idle = undefined;
  worker.worker.ref();
  return worker;
}

function giveBack(worker: LoadWorker, recycle: boolean): void {
  worker.onMessage = undefined;
  worker.onFailure = undefined;
  if (recycle || worker.dead) {
    worker.dead = true;
    void worker.worker.terminate();
    idle ??= new LoadWorker();
  } else {
    worker.worker.unref();
    if (idle) void worker.worker.terminate();
    else idle = worker;
  }
}

/** Starts the idle worker now and waits until it can take a load (for a server's start, and for benchmarks). */
export async function prepareCrlWorker(): Promise<void> {
  if (!idle || idle.dead) idle = new LoadWorker();
  const waiting = idle;
  // Held while awaited, so the process does not end under a caller who is waiting for it.
  waiting.worker.ref();
  await waiting.ready;
  if (idle === waiting) waiting.worker.unref();
}

type JobResult =
  | { notModified: true }
  | { notModified: false; data: LoadedCrlData; etag: string | undefined };

/** Runs one job in a worker: `start`, then the piped bytes if any; settles with the worker's answer. */
async function runJob(
  start: Extract<ToWorker, { type: "start" }>,
  body?: AsyncIterable<Uint8Array>,
): Promise<JobResult> {
  const loader = takeWorker();
  let recycle = true;
  let inFlight = 0;
  let resume: (() => void) | undefined;
  let failed = false;
  const outcome = new Promise<JobResult>((resolve, reject) => {
    loader.onFailure = reject;
    loader.onMessage = (message) => {
      if (message.type === "ack") {
        inFlight -= message.bytes;
        if (inFlight <= MAX_IN_FLIGHT / 2) resume?.();
      } else if (message.type === "not-modified") {
        resolve({ notModified: true });
      } else if (message.type === "done") {
        resolve({ notModified: false, data: message.result, etag: message.etag });
      } else if (message.type === "error") {
        reject(
          message.transport
            ? fail("revocation_unavailable", message.message)
            : new CrlRefusal(message.code, message.message),
        );
      }
    };
  });
  outcome.catch(() => {
    failed = true;
    resume?.();
  });
  try {
    loader.worker.postMessage(start satisfies ToWorker);
    if (body)
      await pipe(
        loader.worker,
        body,
        () => failed,
        (bytes) => {
          inFlight += bytes;
          if (inFlight <= MAX_IN_FLIGHT || failed) return undefined;
          return new Promise<void>((resolve) => {
            resume = () => {
              resume = undefined;
              resolve();
            };
          });
        },
      );
    const result = await outcome;
    recycle = !result.notModified && result.data.info.bytes > RECYCLE_AFTER_BYTES;
    return result;
  } finally {
    giveBack(loader, recycle);
  }
}

/** Copies the bytes into 1 MiB batches and transfers each to the worker, waiting when too much is in flight. */
async function pipe(
  worker: Worker,
  body: AsyncIterable<Uint8Array>,
  failed: () => boolean,
  sent: (bytes: number) => Promise<void> | undefined,
): Promise<void> {
  let batch = new Uint8Array(BATCH_BYTES);
  let filled = 0;
  const flush = async () => {
    if (filled === 0) return;
    const chunk = filled === batch.length ? batch : batch.slice(0, filled);
    worker.postMessage({ type: "chunk", chunk } satisfies ToWorker, [chunk.buffer]);
    batch = new Uint8Array(BATCH_BYTES);
    filled = 0;
    await sent(chunk.byteLength);
  };
  for await (const chunk of body) {
    if (failed()) return;
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
  if (failed()) return;
  await flush();
  worker.postMessage({ type: "end" } satisfies ToWorker);
}

const loaded = (data: LoadedCrlData): LoadedCrl => ({
  info: data.info,
  index: new RevokedSerialIndex(data.index),
});

/** Loads bytes the caller has (or is receiving) in the worker. */
export const loadCrlInWorker: CrlLoader = async (body, anchors) => {
  const result = await runJob({ type: "start", anchors }, body);
  if (result.notModified) throw new CrlRefusal("crl_load_failed", "no CRL in the bytes");
  return loaded(result.data);
};

/** The worker downloads the CRL (conditionally) and loads it; "not-modified" when J-LIS answers 304. */
export async function fetchCrlInWorker(
  request: CrlFetchRequest,
  anchors: CrlAnchor[],
): Promise<"not-modified" | { crl: LoadedCrl; etag: string | undefined }> {
  const result = await runJob({ type: "start", anchors, fetch: request });
  return result.notModified ? "not-modified" : { crl: loaded(result.data), etag: result.etag };
}

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
