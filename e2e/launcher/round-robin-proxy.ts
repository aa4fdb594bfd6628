/**
 * @module A round-robin HTTP load balancer in front of several instances of one service (the scale-out mode:
 * two PF instances on one PostgreSQL). Written on `node:http` because it is all the launcher needs — any load
 * balancer (nginx, HAProxy, a cloud one) does the same job in a deployment (README "Scale-out").
 *
 * Each request goes to the next instance in turn. Request bodies are read first, so a request an instance did
 * not accept (connection refused: the instance is down or restarting) is sent to the next instance instead; a
 * request an instance did accept is never sent again, because it may have been processed (a registration, a
 * payment). When no instance accepts it, the client gets 503 with the platform's `service_unavailable` code.
 * WebSocket upgrades are not balanced: no balanced service uses them.
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from "node:http";

export interface RoundRobinProxyOptions {
  /** The service's own name, for the error body. */
  service: string;
  listenPort: number;
  /** The instances' ports on 127.0.0.1. */
  targetPorts: number[];
}

/** Connection errors that prove the instance never received the request. */
const NOT_DELIVERED = new Set(["ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH"]);

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

/** Starts the balancer; resolves once it listens on 127.0.0.1. */
export function startRoundRobinProxy(options: RoundRobinProxyOptions): Promise<Server> {
  if (options.targetPorts.length === 0) throw new Error("a round-robin proxy needs at least one instance");
  let next = 0;
  const server = createServer(async (clientRequest, clientResponse) => {
    let body: Buffer;
    try {
      body = await readAll(clientRequest);
    } catch {
      clientResponse.destroy();
      return;
    }
    // The platform's error envelope, so clients branch on the code as they do for the service's own refusals.
    const refuse = (status: number, message: string) => {
      clientResponse.writeHead(status, { "content-type": "application/json" });
      clientResponse.end(JSON.stringify({ error: { code: "service_unavailable", message } }));
    };
    const first = next;
    next = (next + 1) % options.targetPorts.length;
    const forward = (attempt: number) => {
      if (attempt >= options.targetPorts.length) {
        refuse(503, `No instance of ${options.service} accepted the request.`);
        return;
      }
      const port = options.targetPorts[(first + attempt) % options.targetPorts.length] as number;
      const upstream = httpRequest(
        {
          host: "127.0.0.1",
          port,
          method: clientRequest.method,
          path: clientRequest.url,
          headers: { ...clientRequest.headers, "content-length": String(body.length) },
        },
        (response) => {
          clientResponse.writeHead(response.statusCode ?? 502, response.headers);
          response.pipe(clientResponse);
        },
      );
      upstream.on("error", (error: NodeJS.ErrnoException) => {
        if (!clientResponse.headersSent && NOT_DELIVERED.has(error.code ?? "")) {
          forward(attempt + 1);
          return;
        }
        // Delivered, then lost: the instance may have acted on it, so it is not sent elsewhere.
        if (!clientResponse.headersSent) refuse(502, `${options.service} dropped the connection.`);
        else clientResponse.destroy();
      });
      upstream.end(body);
    };
    forward(0);
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.listenPort, "127.0.0.1", () => resolve(server));
  });
}
