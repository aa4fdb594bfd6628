import { isDeepStrictEqual } from "node:util";
import { operatorEventSchema, providerEventSchema, verifierEventSchema } from "@catv/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "../testing/pf-harness.ts";
import { publishedExamples } from "./examples.ts";
import { documentedEvents } from "./webhooks-doc.ts";

interface MediaType {
  schema?: Record<string, unknown>;
  example?: unknown;
}
type Doc = {
  info: { description: string };
  paths: Record<string, Record<string, unknown>>;
  webhooks: Record<string, Record<string, { requestBody?: { content: Record<string, MediaType> } }>>;
  components: { schemas: Record<string, { properties: Record<string, { description?: string }> }> };
};

let h: Harness;
let doc: Doc;
beforeAll(async () => {
  h = await createHarness();
  doc = (await (await h.app.request("/openapi.json")).json()) as Doc;
});
afterAll(() => h.close());

/** Every media type object in the document (`content` maps of requests and responses), with where it is. */
function mediaTypes(node: unknown, where = ""): { where: string; media: MediaType }[] {
  if (Array.isArray(node)) return node.flatMap((n, i) => mediaTypes(n, `${where}[${i}]`));
  if (node === null || typeof node !== "object") return [];
  return Object.entries(node).flatMap(([key, value]) => {
    const inner = mediaTypes(value, `${where}/${key}`);
    if (key !== "content" || value === null || typeof value !== "object") return inner;
    return [
      ...Object.entries(value as Record<string, MediaType>).map(([type, media]) => ({
        where: `${where}/content/${type}`,
        media,
      })),
      ...inner,
    ];
  });
}

const eventTypes = [
  ...operatorEventSchema.options,
  ...verifierEventSchema.options,
  ...providerEventSchema.options,
].map((o) => o.shape.type.value);

describe("the OpenAPI document", () => {
  it("describes every event type of the contracts as a webhook with its schema and an example", () => {
    for (const type of eventTypes) {
      const body = doc.webhooks[type]?.post?.requestBody?.content["application/json"];
      expect(body, type).toBeDefined();
      const typeProperty = (body!.schema as { properties: { type: { const?: string; enum?: string[] } } })
        .properties.type;
      expect(typeProperty.const ?? typeProperty.enum?.[0], type).toBe(type);
      expect(documentedEvents.get(type)!.safeParse(body!.example).success, type).toBe(true);
    }
    expect([...documentedEvents.keys()].sort()).toEqual([...eventTypes].sort());
  });

  it("describes the endpoints a provider implements", () => {
    const names = Object.keys(doc.webhooks);
    expect(names).toContain("provider: POST {apiBaseUrl}/pf/enrolments");
    expect(names).toContain("provider: DELETE {apiBaseUrl}/pf/enrolments/{pairwiseId}");
    expect(doc.webhooks["provider: POST {apiBaseUrl}/pf/enrolments"]!.post!.requestBody).toBeDefined();
  });

  it("gives every JSON body an example, and every example parses with the schema it was generated from", () => {
    const json = mediaTypes(doc).filter((m) => m.where.endsWith("/application/json"));
    expect(json.length).toBeGreaterThan(100);
    for (const { where, media } of json) {
      expect(media.example, where).toBeDefined();
      const source = publishedExamples.find((p) => isDeepStrictEqual(p.example, media.example));
      expect(source, `${where}: an example not generated from a schema`).toBeDefined();
      expect(source!.schema.safeParse(media.example).success, where).toBe(true);
    }
  });

  it("describes every field of the usage report", () => {
    const media = mediaTypes(doc.paths["/v1/provider/usage"]).find((m) => m.where.includes("requestBody"))!;
    const properties = (media.media.schema as { properties: Record<string, { description?: string }> })
      .properties;
    expect(Object.keys(properties)).toContain("providerReference");
    for (const [field, schema] of Object.entries(properties)) {
      expect(schema.description, field).toMatch(/\S{3}/);
    }
  });

  it("names the PIN-level and PIN-less acr values and says what each proves", () => {
    expect(doc.info.description).toContain("`urn:catv:acr:pin` — **PIN level**");
    expect(doc.info.description).toContain("`urn:catv:acr:pinless` — **PIN-less**");
    const acr = doc.components.schemas.PfAssertionClaims!.properties.acr!.description!;
    expect(acr).toContain("urn:catv:acr:pin");
    expect(acr).toContain("urn:catv:acr:pinless");
  });
});
