/**
 * @module Child process of `revocation-bench.ts`: serves the CRL file the parent names (IPC message `{path}`) at
 * GET /crl/auth.crl with an ETag and 304s, so the PF under measurement receives a national CRL over HTTP from
 * another process, as it would from J-LIS. Prints nothing; tells the parent its URL over IPC.
 */
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

let path = "";
process.on("message", (message: { path: string }) => {
  path = message.path;
  process.send?.({ served: path });
});
const server = createServer((request, response) => {
  if (request.url !== "/crl/auth.crl" || !path) {
    response.writeHead(404).end();
    return;
  }
  const etag = `"${path}"`;
  if (request.headers["if-none-match"] === etag) {
    response.writeHead(304, { etag }).end();
    return;
  }
  response.writeHead(200, {
    etag,
    "content-type": "application/pkix-crl",
    "content-length": statSync(path).size,
  });
  createReadStream(path, { highWaterMark: 1 << 20 }).pipe(response);
});
server.listen(0, "127.0.0.1", () => {
  process.send?.({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
});
process.on("disconnect", () => process.exit(0));
