/**
 * @module ログイン履歴 (`/sessions`): the PF's newest viewer sessions of this operator and their source.
 */
import { Hono } from "hono";
import { listViewerSessions } from "../domain/list-viewer-sessions.ts";
import { ConsoleError } from "../errors.ts";
import { SessionsPage } from "../views/session-views.tsx";
import type { ConsoleEnv } from "./env.ts";
import { render } from "./render.tsx";

export const sessionRoutes = new Hono<ConsoleEnv>();

sessionRoutes.get("/sessions", async (c) => {
  try {
    const sessions = await listViewerSessions(c.get("deps"), c.get("actor"));
    return render(c, "ログイン履歴", <SessionsPage sessions={sessions} />);
  } catch (error) {
    // The PF unreachable: say so on the page, in staff's words; nothing here is kept locally.
    if (!(error instanceof ConsoleError)) throw error;
    return render(c, "ログイン履歴", <SessionsPage sessions={[]} error={error.message} />);
  }
});
