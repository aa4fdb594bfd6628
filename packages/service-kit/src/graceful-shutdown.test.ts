import { type ChildProcess, spawn } from "node:child_process";
import { request } from "node:http";
import { afterEach, describe, expect, it } from "vitest";

const fixture = new URL("./testing/shutdown-fixture.ts", import.meta.url).pathname;

interface Fixture {
  child: ChildProcess;
  port: number;
  lines: Array<Record<string, unknown>>;
  exited: Promise<number | null>;
  /** Resolves when a line with this `msg` has been printed. */
  saw(msg: string): Promise<void>;
}

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});

async function startFixture(env: Record<string, string> = {}): Promise<Fixture> {
  const child = spawn(process.execPath, [fixture], { env: { ...process.env, ...env }, stdio: "pipe" });
  children.push(child);
  const lines: Array<Record<string, unknown>> = [];
  const waiters: Array<{ msg: string; resolve: () => void }> = [];
  let buffered = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    buffered += chunk.toString("utf8");
    let newline = buffered.indexOf("\n");
    while (newline >= 0) {
      const line = JSON.parse(buffered.slice(0, newline)) as Record<string, unknown>;
      buffered = buffered.slice(newline + 1);
      lines.push(line);
      for (const waiter of waiters.filter((w) => w.msg === line.msg)) waiter.resolve();
      newline = buffered.indexOf("\n");
    }
  });
  const saw = (msg: string) =>
    lines.some((l) => l.msg === msg)
      ? Promise.resolve()
      : new Promise<void>((resolve) => waiters.push({ msg, resolve }));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await saw("listening");
  const port = lines.find((l) => l.msg === "listening")?.port as number;
  return { child, port, lines, exited, saw };
}

/** A GET on a fresh connection; resolves with the status and body, or the socket error's code. */
function get(port: number, path: string): Promise<{ status?: number; body?: string; error?: string }> {
  return new Promise((resolve) => {
    const req = request({ host: "127.0.0.1", port, path, agent: false }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => {
        body += chunk.toString("utf8");
      });
      res.on("end", () => resolve({ status: res.statusCode, body }));
      res.on("error", (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    });
    req.on("error", (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    req.end();
  });
}

describe("graceful shutdown", { timeout: 30_000 }, () => {
  it("completes a request that is in flight when SIGTERM arrives, then exits 0", async () => {
    const service = await startFixture();
    const answer = get(service.port, "/slow?ms=1500");
    await service.saw("request received");
    service.child.kill("SIGTERM");
    expect(await answer).toEqual({ status: 200, body: "answered after 1500 ms" });
    expect(await service.exited).toBe(0);
  });

  it("refuses new connections once SIGTERM has arrived", async () => {
    const service = await startFixture();
    const inFlight = get(service.port, "/slow?ms=1500");
    await service.saw("request received");
    service.child.kill("SIGTERM");
    await service.saw("stopping");
    expect(await get(service.port, "/slow?ms=0")).toEqual({ error: "ECONNREFUSED" });
    expect((await inFlight).status).toBe(200);
    expect(await service.exited).toBe(0);
  });

  it("closes the database only after the worker has finished what it held", async () => {
    const service = await startFixture({ WORKER_MS: "800" });
    service.child.kill("SIGTERM");
    expect(await service.exited).toBe(0);
    const order = service.lines.map((l) => l.msg);
    expect(order.indexOf("worker finished")).toBeGreaterThan(order.indexOf("worker stopping"));
    expect(order.indexOf("database closed")).toBeGreaterThan(order.indexOf("worker finished"));
  });

  it("gives up on a request that outlasts the drain bound, closes the database and exits 1", async () => {
    const service = await startFixture({ DRAIN_MS: "500" });
    const answer = get(service.port, "/slow?ms=20000");
    await service.saw("request received");
    service.child.kill("SIGTERM");
    expect(await service.exited).toBe(1);
    expect((await answer).error).toBe("ECONNRESET");
    expect(service.lines.map((l) => l.msg)).toEqual(
      expect.arrayContaining(["drain bound reached; closing what is left", "database closed", "stopped"]),
    );
  });

  it("does not wait for an event stream, and closes it so that the client reconnects elsewhere", async () => {
    const service = await startFixture();
    const streamEnded = new Promise<string>((resolve) => {
      const req = request({ host: "127.0.0.1", port: service.port, path: "/events", agent: false }, (res) => {
        res.on("data", () => {});
        res.on("close", () => resolve("closed"));
      });
      req.on("error", () => resolve("closed"));
      req.end();
    });
    await service.saw("stream opened");
    const started = Date.now();
    service.child.kill("SIGTERM");
    expect(await service.exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await streamEnded).toBe("closed");
  });

  it("treats a second signal as the same shutdown", async () => {
    const service = await startFixture({ WORKER_MS: "500" });
    service.child.kill("SIGTERM");
    await service.saw("stopping");
    service.child.kill("SIGINT");
    expect(await service.exited).toBe(0);
    expect(service.lines.filter((l) => l.msg === "stopping")).toHaveLength(1);
  });
});
