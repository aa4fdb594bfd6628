/**
 * @module `POST /webhooks/pf`: the PF's Standard Webhooks deliveries. 2xx means "stored, do not resend" (also for
 * a duplicate); 4xx means the PF should not retry this body unchanged.
 */
import { readWebhookHeaders } from "@catv/service-kit";
import { Hono } from "hono";
import { receivePfEvent } from "../domain/receive-pf-event.ts";
import type { ConsoleEnv } from "./env.ts";

export const webhookRoutes = new Hono<ConsoleEnv>();

webhookRoutes.post("/webhooks/pf", async (c) => {
  const body = await c.req.text();
  const outcome = await receivePfEvent(
    c.get("deps"),
    {
      operatorHint: c.req.header("x-catv-operator-id"),
      ...readWebhookHeaders((name) => c.req.header(name)),
    },
    body,
  );
  return c.json({ status: outcome }, 200);
});
