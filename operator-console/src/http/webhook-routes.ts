/**
 * @module `POST /webhooks/pf`: the PF's Standard Webhooks deliveries. 2xx means "stored, do not resend" (also for
 * a duplicate); 4xx means the PF should not retry this body unchanged.
 */
import { Hono } from "hono";
import { receivePfEvent } from "../domain/receive-pf-event.ts";
import type { ConsoleEnv } from "./env.ts";

export const webhookRoutes = new Hono<ConsoleEnv>();

webhookRoutes.post("/webhooks/pf", async (c) => {
  const body = await c.req.text();
  const outcome = receivePfEvent(
    c.get("deps"),
    {
      operatorHint: c.req.header("x-catv-operator-id"),
      id: c.req.header("webhook-id"),
      timestamp: c.req.header("webhook-timestamp"),
      signature: c.req.header("webhook-signature"),
    },
    body,
  );
  return c.json({ status: outcome }, 200);
});
