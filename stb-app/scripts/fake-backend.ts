/**
 * @module A stand-in for the PF and its two providers, for the screenshot and benchmark scripts only (never
 * shipped): answers the TV API of `pf-server/src/contracts/tv-api.ts` with demo data, and lets the script
 * make the next call to a path fail with a chosen PF error code. It checks no signatures: it is a stage set.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";

type Json = Record<string, unknown>;

const CABLE_ID = "K7Q2-9XMA-4T8P-C3LW";
const services = [
  {
    serviceId: "facility-booking",
    providerId: "facility-booking",
    name: "施設予約",
    nameEn: "Facility booking",
    requiresPin: false,
  },
  {
    serviceId: "healthcare",
    providerId: "healthcare",
    name: "ヘルスケア情報",
    nameEn: "Healthcare",
    requiresPin: false,
  },
];
const towns = [
  { townId: "chuo", name: "中央町" },
  { townId: "kita", name: "北町" },
  { townId: "minami", name: "南町" },
  { townId: "higashi", name: "東町" },
  { townId: "nishi", name: "西町" },
];
const facilities = [
  { facilityId: "gym", townId: "chuo", name: "中央市民体育館", category: "体育館・テニスコート" },
  { facilityId: "hall", townId: "chuo", name: "中央公民館", category: "会議室・和室" },
  { facilityId: "pool", townId: "chuo", name: "市民プール", category: "屋内プール" },
];

function slotsFor(facilityId: string, date: string) {
  const rooms =
    facilityId === "gym"
      ? ["アリーナA", "アリーナB", "テニスコート1", "テニスコート2"]
      : ["第1会議室", "第2会議室", "和室"];
  const out: Json[] = [];
  rooms.forEach((room, r) => {
    for (let h = 9; h <= 17; h++) {
      const start = new Date(`${date}T${String(h).padStart(2, "0")}:00:00+09:00`);
      const end = new Date(start.getTime() + 3600_000);
      out.push({
        slotId: `${facilityId}-${r}-${date}-${h}`,
        roomName: room,
        startsAt: start.toISOString(),
        endsAt: end.toISOString(),
        // A deterministic pattern of taken slots so the grid reads like a real day.
        available: (h * 7 + r * 3) % 5 !== 0,
        feeYen: facilityId === "gym" ? 1200 : 600,
      });
    }
  });
  return out;
}

export interface FakeBackend {
  url: string;
  server: Server;
  /** The next request whose path starts with `pathPrefix` fails with this PF error code. */
  failNext(pathPrefix: string, code: string, status: number, details?: Json): void;
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeBackend(): Promise<FakeBackend> {
  let acr: string | null = null;
  let enrolled = new Set<string>();
  let bookings: Json[] = [];
  const failures: { prefix: string; code: string; status: number; details?: Json }[] = [];

  const body = async (req: IncomingMessage): Promise<Json> => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    return chunks.length ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as Json) : {};
  };
  const tokens = (level: string) => {
    acr = level;
    return {
      accessToken: `at-${Date.now()}`,
      refreshToken: `rt-${Date.now()}`,
      expiresIn: 900,
      acr: level,
      cableId: CABLE_ID,
    };
  };

  const route = async (method: string, path: string, req: IncomingMessage): Promise<[number, unknown]> => {
    const viewer = () => acr !== null;
    if (method === "GET" && path === "/v1/portal")
      return [
        200,
        {
          operatorId: "op-sakura",
          town: "さくら市",
          branding: {
            operatorName: "さくらケーブルテレビ",
            portalTitle: "さくらCATVポータル",
            primaryColor: "#1b3a5c",
            accentColor: "#ffb300",
          },
          services,
        },
      ];
    if (method === "POST" && path === "/v1/challenges") {
      const { purpose } = await body(req);
      return [
        201,
        {
          challengeId: `ch-${Date.now()}`,
          nonce: "bm9uY2U",
          toBeSigned: Buffer.from(`CATV-PF\n${purpose}\nop\nterm\nch\nnonce`).toString("base64"),
          expiresAt: new Date(Date.now() + 300_000).toISOString(),
        },
      ];
    }
    if (method === "POST" && path === "/v1/registrations") {
      await new Promise((r) => setTimeout(r, 600));
      return [201, { cableId: CABLE_ID, outcome: "new", householdLink: "pending" }];
    }
    if (method === "POST" && path === "/v1/sessions") return [201, tokens("urn:catv:acr:pin")];
    if (method === "POST" && path === "/v1/pinless/start")
      return [
        200,
        {
          challengeId: "ch-pl",
          challenge: Buffer.alloc(32, 7).toString("base64"),
          birthDateKey: "620315",
          expiresAt: new Date(Date.now() + 300_000).toISOString(),
        },
      ];
    if (method === "POST" && path === "/v1/pinless/sessions") return [201, tokens("urn:catv:acr:pinless")];
    if (method === "POST" && path === "/v1/sessions/step-up") return [201, tokens("urn:catv:acr:pin")];
    if (method === "POST" && path === "/v1/sessions/refresh")
      return [201, tokens(acr ?? "urn:catv:acr:pinless")];
    if (method === "DELETE" && path === "/v1/sessions/current") {
      acr = null;
      return [204, null];
    }
    if (!viewer())
      return [401, { error: { code: "session_expired", message: "No session.", requestId: "req-fake" } }];
    if (method === "GET" && path === "/v1/me")
      return [
        200,
        {
          cableId: CABLE_ID,
          acr,
          householdLink: "linked",
          services: services.map((s) => ({ ...s, enrolled: enrolled.has(s.serviceId) })),
        },
      ];
    const enrol = path.match(/^\/v1\/services\/([^/]+)\/enrolment$/);
    if (method === "POST" && enrol) {
      enrolled.add(enrol[1]!);
      return [201, { serviceId: enrol[1], enrolled: true }];
    }
    const api = path.match(/^\/v1\/services\/([^/]+)\/api\/(.*)$/);
    if (!api)
      return [404, { error: { code: "not_found", message: "No such route.", requestId: "req-fake" } }];
    const [, serviceId, rest] = api;
    const url = new URL(`http://x/${rest}${new URL(req.url ?? "/", "http://x").search}`);
    const p = url.pathname;
    if (serviceId === "facility-booking") {
      if (method === "GET" && p === "/towns") return [200, { towns }];
      if (method === "GET" && p === "/facilities")
        return [200, { facilities: facilities.filter((f) => f.townId === url.searchParams.get("townId")) }];
      const slots = p.match(/^\/facilities\/([^/]+)\/slots$/);
      if (method === "GET" && slots)
        return [200, { slots: slotsFor(slots[1]!, url.searchParams.get("date") ?? "2026-12-01") }];
      if (method === "POST" && p === "/bookings") {
        if (acr !== "urn:catv:acr:pin")
          return [
            403,
            { error: { code: "step_up_required", message: "PIN needed.", requestId: "req-fake" } },
          ];
        const { slotId } = await body(req);
        const [fid, r, date, h] = String(slotId)
          .match(/^(\w+)-(\d+)-(\d{4}-\d{2}-\d{2})-(\d+)$/)!
          .slice(1);
        const slot = slotsFor(fid!, date!).find((s) => s.slotId === slotId)!;
        const booking = {
          bookingId: `B-${String(bookings.length + 1).padStart(5, "0")}`,
          facilityName: facilities.find((f) => f.facilityId === fid)!.name,
          roomName: slot.roomName,
          startsAt: slot.startsAt,
          endsAt: slot.endsAt,
          feeYen: slot.feeYen,
          status: "confirmed",
          _r: r,
          _h: h,
        };
        bookings.push(booking);
        return [201, booking];
      }
      if (method === "GET" && p === "/bookings") return [200, { bookings }];
      const cancel = p.match(/^\/bookings\/([^/]+)$/);
      if (method === "DELETE" && cancel) {
        const b = bookings.find((x) => x.bookingId === cancel[1]);
        if (!b) return [404, { error: { code: "not_found", message: "No booking.", requestId: "req-fake" } }];
        b.status = "cancelled";
        return [200, b];
      }
    }
    if (serviceId === "healthcare") {
      if (p === "/checkups/latest")
        return [
          200,
          {
            checkupDate: "2026-06-12",
            items: [
              { itemCode: "sbp", name: "収縮期血圧", value: 138, unit: "mmHg", flag: "high" },
              { itemCode: "hba1c", name: "HbA1c", value: 5.4, unit: "%", flag: "normal" },
              { itemCode: "ldl", name: "LDLコレステロール", value: 142, unit: "mg/dL", flag: "high" },
              { itemCode: "bmi", name: "BMI", value: 23.1, unit: "", flag: "normal" },
              { itemCode: "hb", name: "血色素量", value: 12.1, unit: "g/dL", flag: "low" },
              { itemCode: "waist", name: "腹囲", value: 84, unit: "cm", flag: "normal" },
            ],
          },
        ];
      const trend = p.match(/^\/trends\/(\w+)$/);
      if (trend) {
        const base: Record<string, [string, string, number[], number?, number?]> = {
          sbp: ["収縮期血圧", "mmHg", [122, 126, 129, 133, 138], undefined, 129],
          hba1c: ["HbA1c", "%", [5.2, 5.3, 5.3, 5.5, 5.4], undefined, 5.5],
          ldl: ["LDLコレステロール", "mg/dL", [118, 125, 131, 139, 142], undefined, 119],
          bmi: ["BMI", "", [22.4, 22.8, 23.0, 23.3, 23.1], 18.5, 25],
          hb: ["血色素量", "g/dL", [13.2, 12.9, 12.6, 12.4, 12.1], 13.1, 16.6],
          waist: ["腹囲", "cm", [81, 82, 83, 85, 84], undefined, 85],
        };
        const [name, unit, values, lo, hi] = base[trend[1]!] ?? base.sbp!;
        return [
          200,
          {
            itemCode: trend[1],
            name,
            unit,
            points: values.map((value, i) => ({ year: 2022 + i, value })),
            ...(lo !== undefined ? { referenceLow: lo } : {}),
            ...(hi !== undefined ? { referenceHigh: hi } : {}),
          },
        ];
      }
      if (p === "/steps")
        return [
          200,
          {
            days: [6120, 8450, 4310, 10230, 7780, 9020, 5560].map((steps, i) => ({
              date: `2026-11-${String(17 + i).padStart(2, "0")}`,
              steps,
            })),
          },
        ];
      if (p === "/notices")
        return [
          200,
          {
            notices: [
              {
                noticeId: "n1",
                date: "2026-11-20",
                title: "特定健診の受診券を送りました",
                body: "12月末までに受診してください。",
              },
            ],
          },
        ];
    }
    return [404, { error: { code: "not_found", message: "No such route.", requestId: "req-fake" } }];
  };

  const server = createServer(async (req, res) => {
    const cors = {
      "access-control-allow-origin": "*",
      "access-control-allow-headers": "content-type, authorization, x-terminal-assertion",
      "access-control-allow-methods": "GET, POST, DELETE, OPTIONS",
    };
    if (req.method === "OPTIONS") return void res.writeHead(204, cors).end();
    const url = new URL(req.url ?? "/", "http://x");
    const path = url.pathname;
    const failure = failures.findIndex((f) => path.startsWith(f.prefix));
    if (failure >= 0) {
      const [f] = failures.splice(failure, 1);
      // Status 0 stands for "the network is down": the connection drops without an answer.
      if (f!.status === 0) return void req.socket.destroy();
      res.writeHead(f!.status, { ...cors, "content-type": "application/json" });
      return void res.end(
        JSON.stringify({
          error: {
            code: f!.code,
            message: f!.code,
            requestId: "req-7f3a",
            ...(f!.details ? { details: f!.details } : {}),
          },
        }),
      );
    }
    try {
      const [status, payload] = await route(req.method ?? "GET", path, req);
      res.writeHead(status, { ...cors, "content-type": "application/json" });
      res.end(payload === null ? undefined : JSON.stringify(payload));
    } catch (error) {
      res.writeHead(500, { ...cors, "content-type": "application/json" });
      res.end(
        JSON.stringify({ error: { code: "internal_error", message: String(error), requestId: "req-fake" } }),
      );
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    failNext: (prefix, code, status, details) => {
      failures.push({ prefix, code, status, ...(details ? { details } : {}) });
    },
    reset: () => {
      acr = null;
      enrolled = new Set();
      bookings = [];
      failures.length = 0;
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
