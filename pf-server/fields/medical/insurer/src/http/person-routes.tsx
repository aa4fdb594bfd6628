/**
 * @module The 被保険者 pages: the register searched, and one person.
 */
import { Hono } from "hono";
import { listInsuredPersons, showInsuredPerson } from "../domain/show-insured-person.ts";
import { PersonListPage, PersonPage } from "../views/person-views.tsx";
import type { InsurerEnv } from "./env.ts";
import { offsetOf, pageContext } from "./page-context.ts";

export const personRoutes = new Hono<InsurerEnv>();

personRoutes.get("/persons", async (c) => {
  const text = (c.req.query("q") ?? "").slice(0, 100);
  const offset = offsetOf(c);
  const limit = 50;
  const page = await listInsuredPersons(c.get("deps"), c.get("actor"), { text, offset, limit });
  return c.html(
    <PersonListPage ctx={await pageContext(c)} text={text} page={page} offset={offset} limit={limit} />,
  );
});

personRoutes.get("/persons/:personId", async (c) => {
  const view = await showInsuredPerson(c.get("deps"), c.get("actor"), c.req.param("personId"));
  return c.html(<PersonPage ctx={await pageContext(c)} view={view} />);
});
