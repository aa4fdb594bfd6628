/**
 * @module A reverse proxy in front of one service that records every HTTP exchange to a JSON-lines file.
 *
 * In a recorded run every service is told the others' proxy URLs instead of their real ones, so every
 * request between systems — and every request the browser makes — crosses a proxy and is kept for the
 * privacy scan (`e2e/privacy/scan.ts`). WebSocket upgrades are passed through unrecorded: only the STB's
 * local card bridge uses one, and its frames never leave the set-top box.
 */
import { appendFileSync } from "node:fs";
import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";
import { connect } from "node:net";

export interface RecordedExchange {
  at: string;
  service: string;
  method: string;
  path: string;
  status: number;
  requestContentType: string | undefined;
  responseContentType: string | undefined;
  /** UTF-8 text for textual bodies, base64 (prefixed `base64:`) for binary ones. */
  requestBody: string;
  responseBody: string;
}

const textual = /json|text|html|javascript|x-www-form-urlencoded|csv|xml|svg/i;

function encodeBody(body: Buffer, contentType: string | undefined): string {
  if (body.length === 0) return "";
  return contentType && textual.test(contentType)
    ? body.toString("utf8")
    : `base64:${body.toString("base64")}`;
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

export interface RecordingProxyOptions {
  service: string;
  listenPort: number;
  targetPort: number;
  capturePath: string;
}

/** Starts the proxy; resolves once it listens on 127.0.0.1. */
export function startRecordingProxy(options: RecordingProxyOptions): Promise<Server> {
  const server = createServer(async (clientRequest, clientResponse) => {
    let requestBody: Buffer;
    try {
      requestBody = await readAll(clientRequest);
    } catch {
      clientResponse.destroy();
      return;
    }
    const upstream = httpRequest(
      {
        host: "127.0.0.1",
        port: options.targetPort,
        method: clientRequest.method,
        path: clientRequest.url,
        headers: clientRequest.headers,
      },
      async (upstreamResponse) => {
        clientResponse.writeHead(upstreamResponse.statusCode ?? 502, upstreamResponse.headers);
        const chunks: Buffer[] = [];
        upstreamResponse.on("data", (chunk: Buffer) => {
          chunks.push(chunk);
          clientResponse.write(chunk);
        });
        upstreamResponse.on("end", () => {
          clientResponse.end();
          const exchange: RecordedExchange = {
            at: new Date().toISOString(),
            service: options.service,
            method: clientRequest.method ?? "GET",
            path: clientRequest.url ?? "/",
            status: upstreamResponse.statusCode ?? 0,
            requestContentType: clientRequest.headers["content-type"],
            responseContentType: upstreamResponse.headers["content-type"],
            requestBody: encodeBody(requestBody, clientRequest.headers["content-type"]),
            responseBody: encodeBody(Buffer.concat(chunks), upstreamResponse.headers["content-type"]),
          };
          appendFileSync(options.capturePath, `${JSON.stringify(exchange)}\n`);
        });
        upstreamResponse.on("error", () => clientResponse.destroy());
      },
    );
    upstream.on("error", () => {
      if (!clientResponse.headersSent) {
        clientResponse.writeHead(502, { "content-type": "application/json" });
      }
      clientResponse.end('{"error":{"code":"upstream_unreachable","message":"service is down"}}');
    });
    upstream.end(requestBody);
  });

  // WebSocket (and any other upgrade): splice the sockets together after replaying the request head.
  server.on("upgrade", (clientRequest, clientSocket, head) => {
    const upstreamSocket = connect(options.targetPort, "127.0.0.1", () => {
      const headerLines = Object.entries(clientRequest.headers).flatMap(([name, value]) =>
        Array.isArray(value) ? value.map((v) => `${name}: ${v}`) : [`${name}: ${value}`],
      );
      upstreamSocket.write(
        `${clientRequest.method} ${clientRequest.url} HTTP/1.1\r\n${headerLines.join("\r\n")}\r\n\r\n`,
      );
      if (head.length > 0) upstreamSocket.write(head);
      upstreamSocket.pipe(clientSocket);
      clientSocket.pipe(upstreamSocket);
    });
    upstreamSocket.on("error", () => clientSocket.destroy());
    clientSocket.on("error", () => upstreamSocket.destroy());
  });

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.listenPort, "127.0.0.1", () => resolve(server));
  });
}
