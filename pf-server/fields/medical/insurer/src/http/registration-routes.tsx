/**
 * @module The registration page of each insurer's own web site (`/insurers/<insurerId>/registration`) and the two
 * calls its script makes. The page opens a page session (a `__Host-` cookie, SameSite=Strict, and a CSRF token the
 * script sends back as `X-CSRF-Token`); the calls must come from this origin (`Origin`), with that session, and are
 * limited per page session and per client address (`../domain/limit-registration-calls.ts`: one budget for every
 * instance on the database), since each one makes the PF work (and meters the insurer). The reader software's address
 * and token are read from its boot file when the page is served.
 */
import { readFileSync } from "node:fs";
import { parseInput, readJsonBody } from "@catv/service-kit";
import { getConnInfo } from "@hono/node-server/conninfo";
import { type Context, Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { z } from "zod";
import { takeRegistrationCall } from "../domain/limit-registration-calls.ts";
import {
  completeWebRegistration,
  findWebRegistration,
  openWebRegistration,
  startWebRegistration,
  WEB_REGISTRATION_CONSENT_VERSION,
  WEB_REGISTRATION_MINUTES,
  webRegistrationAnswerSchema,
} from "../domain/register-on-insurer-site.ts";
import { fail } from "../errors.ts";
import { RegistrationPage } from "../views/registration-views.tsx";
import type { InsurerEnv } from "./env.ts";
import { safeEqual } from "./session.ts";

const REGISTRATION_COOKIE = "insurer_registration";
const readerBootSchema = z.object({ wsUrl: z.string().startsWith("ws"), token: z.string().min(1) });

export interface RegistrationRoutesOptions {
  /** Where the reader software publishes `{wsUrl, token}` (the demo: the firmware bridge's boot file). */
  readerBootFile: string;
}

function clientAddress(c: Parameters<typeof getConnInfo>[0]): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}

function readReaderBoot(path: string): { wsUrl: string; token: string } | null {
  try {
    const parsed = readerBootSchema.safeParse(JSON.parse(readFileSync(path, "utf8")));
    return parsed.success ? { wsUrl: parsed.data.wsUrl, token: parsed.data.token } : null;
  } catch {
    return null;
  }
}

export function registrationRoutes(options: RegistrationRoutesOptions) {
  const routes = new Hono<InsurerEnv>();

  routes.get("/insurers/:insurerId/registration", async (c) => {
    const deps = c.get("deps");
    const insurer = await deps.store.insurers.get(c.req.param("insurerId"));
    if (!insurer) throw fail("insurer_unknown", "このページはありません。");
    const session = await openWebRegistration(deps, insurer.id);
    setCookie(c, REGISTRATION_COOKIE, session.token, {
      prefix: "host",
      httpOnly: true,
      sameSite: "Strict",
      maxAge: WEB_REGISTRATION_MINUTES * 60,
    });
    const base = `/insurers/${encodeURIComponent(insurer.id)}/registration`;
    return c.html(
      <RegistrationPage
        insurer={insurer}
        consentVersion={WEB_REGISTRATION_CONSENT_VERSION}
        config={{
          insurerId: insurer.id,
          csrfToken: session.csrfToken,
          challengePath: `${base}/challenge`,
          completePath: `${base}/complete`,
          reader: readReaderBoot(options.readerBootFile),
        }}
      />,
    );
  });

  /** The page session of this call, refused unless it comes from this origin with the page's CSRF token. */
  async function sessionOf(c: Context<InsurerEnv>) {
    const deps = c.get("deps");
    if (c.req.header("origin") !== new URL(c.req.url).origin) throw fail("registration_origin_refused");
    const address = clientAddress(c);
    if (!(await takeRegistrationCall(deps, { kind: "address", address }))) throw fail("rate_limited");
    const insurerId = /^\/insurers\/([^/]+)\//.exec(c.req.path)?.[1] ?? "";
    const session = await findWebRegistration(deps, insurerId, getCookie(c, REGISTRATION_COOKIE, "host"));
    const token = c.req.header("x-csrf-token") ?? "";
    if (!session || !safeEqual(token, session.csrfToken)) throw fail("registration_session_missing");
    if (!(await takeRegistrationCall(deps, { kind: "page-session", idHash: session.idHash })))
      throw fail("rate_limited");
    return session;
  }

  routes.post("/insurers/:insurerId/registration/challenge", async (c) => {
    const session = await sessionOf(c);
    return c.json(await startWebRegistration(c.get("deps"), session));
  });

  routes.post("/insurers/:insurerId/registration/complete", async (c) => {
    const session = await sessionOf(c);
    const answer = parseInput(webRegistrationAnswerSchema, await readJsonBody(c));
    return c.json(await completeWebRegistration(c.get("deps"), session, answer, c.get("requestId")));
  });

  return routes;
}
