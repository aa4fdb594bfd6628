/**
 * @module Process entry of the CATV common platform (共通的PF): reads the environment and listens.
 */
import { serve } from "@hono/node-server";
import { Hono } from "hono";

const port = Number(process.env.PF_PORT ?? 7000);
const app = new Hono();
app.get("/health", (c) => c.json({ status: "ok", service: "pf-server" }));

const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port }, (info) => {
  console.log(JSON.stringify({ level: "info", msg: "listening", service: "pf-server", port: info.port }));
});
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
