/**
 * @module Assisted registration (代理登録（STB）): staff find a household member and open a registration on one of
 * the operator's STBs, so the viewer's card registers straight into that member's household.
 */
import { type Context, Hono } from "hono";
import { findAssistedRegistrationMembers } from "../domain/find-assisted-registration-members.ts";
import { openAssistedRegistration } from "../domain/open-assisted-registration.ts";
import { ConsoleError } from "../errors.ts";
import { AssistedPage } from "../views/assisted-registration-views.tsx";
import type { ConsoleEnv } from "./env.ts";
import { render } from "./render.tsx";

export const assistedRegistrationRoutes = new Hono<ConsoleEnv>();

async function assistedPage(
  c: Context<ConsoleEnv>,
  extra: {
    selected?: string;
    opened?: { registrationSessionId: string; expiresAt: string; terminalId: string };
    error?: string;
  },
  status: 200 | 400 | 502 = 200,
) {
  const query = c.req.query("q") ?? "";
  const selected = extra.selected ?? c.req.query("member");
  const { members, recent } = await findAssistedRegistrationMembers(
    c.get("deps"),
    c.get("actor").operatorId,
    {
      query,
      selectedMemberId: selected,
    },
  );
  return render(
    c,
    "代理登録（STB）",
    <AssistedPage
      csrf={c.get("csrfToken")}
      terminals={c.get("operator").terminalIds}
      query={query}
      members={members}
      selected={selected}
      recent={recent}
      opened={extra.opened}
      error={extra.error}
    />,
    status,
  );
}

assistedRegistrationRoutes.get("/assisted", (c) => assistedPage(c, {}));

assistedRegistrationRoutes.post("/assisted", async (c) => {
  const body = await c.req.parseBody();
  const memberId = typeof body.memberId === "string" ? body.memberId : "";
  const terminalId = typeof body.terminalId === "string" ? body.terminalId : "";
  try {
    const opened = await openAssistedRegistration(c.get("deps"), c.get("actor"), { memberId, terminalId });
    return assistedPage(c, { selected: memberId, opened: { ...opened, terminalId } });
  } catch (error) {
    if (!(error instanceof ConsoleError) || error.code === "not_found") throw error;
    return assistedPage(c, { selected: memberId, error: error.message }, error.status === 400 ? 400 : 502);
  }
});
