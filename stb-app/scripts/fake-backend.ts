/**
 * @module A stand-in for the PF and its two providers, for the screenshot and benchmark scripts only (never
 * shipped): answers the TV API (`@catv/contracts`: tv-api.ts, and the providers' APIs the PF relays) with demo
 * data, and lets the script make the next call to a path fail with a chosen PF error code. It checks no
 * signatures: it is a stage set. What it answers is held to the contracts: every route it imitates is in
 * `routes` with the schema of its body, each answer is parsed with that schema before it is sent, and
 * fake-backend.test.ts calls every route.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import {
  availabilityResponseSchema,
  bookingSchema,
  bookingsResponseSchema,
  bookingTermsSchema,
  challengeResponseSchema,
  crossDevicePollResponseSchema,
  crossDeviceRequestResponseSchema,
  type ErrorCode,
  enrolmentResponseSchema,
  errorBodySchema,
  facilitiesResponseSchema,
  healthSummarySchema,
  meResponseSchema,
  noticesResponseSchema,
  pinlessStartResponseSchema,
  portalResponseSchema,
  registrationResponseSchema,
  registrationStatusResponseSchema,
  stepsSchema,
  tokenResponseSchema,
  townsResponseSchema,
  trendSchema,
} from "@catv/contracts";
import type { z } from "zod";

type Json = Record<string, unknown>;

const CABLE_ID = "K7Q2-9XMA-4T8P-C3LW";
/** The registration receipt the fake hands out (the PF's is a signed JWT; the TV treats it as opaque). */
const RECEIPT = "receipt.fake.registration";
/** How many status questions the fake answers "pending" before the household is linked. */
const LINKED_AFTER = 2;
const services = [
  {
    serviceId: "facility-booking",
    providerId: "prov-facility",
    kind: "facility-booking",
    name: "公共施設予約",
    nameEn: "Facility booking",
    requiresPin: false,
  },
  {
    serviceId: "healthcare",
    providerId: "prov-healthcare",
    kind: "healthcare",
    name: "ヘルスケア情報",
    nameEn: "Healthcare information",
    requiresPin: false,
  },
];
/** In the provider's order (by code): いなべ市 comes first, so the TV must start on the viewer's own town. */
const towns = [
  { code: "inabe", name: "いなべ市", prefecture: "三重県", facilityCount: 2 },
  { code: "nanto", name: "南砺市", prefecture: "富山県", facilityCount: 5 },
  { code: "suzaka", name: "須坂市", prefecture: "長野県", facilityCount: 2 },
];
const slotDefs = [
  { code: "am", label: "午前", startsAt: "09:00", endsAt: "12:00" },
  { code: "pm", label: "午後", startsAt: "13:00", endsAt: "17:00" },
  { code: "night", label: "夜間", startsAt: "18:00", endsAt: "21:00" },
];
const facilities = [
  {
    facilityId: "nanto-gym",
    townCode: "nanto",
    townName: "南砺市",
    name: "福野体育館",
    kind: "gym",
    kindLabel: "体育館",
    capacity: 300,
    address: "富山県南砺市",
    opensAt: "09:00",
    closesAt: "21:00",
    closedWeekdays: ["月"],
    fee: { minYen: 1200, maxYen: 1800, free: false },
  },
  {
    facilityId: "nanto-hall",
    townCode: "nanto",
    townName: "南砺市",
    name: "城端伝統芸能会館 じょうはな座",
    kind: "hall",
    kindLabel: "ホール",
    capacity: 400,
    address: "富山県南砺市",
    opensAt: "09:00",
    closesAt: "21:00",
    closedWeekdays: ["火"],
    fee: { minYen: 3000, maxYen: 5000, free: false },
  },
  {
    facilityId: "nanto-room",
    townCode: "nanto",
    townName: "南砺市",
    name: "井波総合文化センター 会議室",
    kind: "meeting_room",
    kindLabel: "会議室",
    capacity: 30,
    address: "富山県南砺市",
    opensAt: "09:00",
    closesAt: "21:00",
    closedWeekdays: [],
    fee: { minYen: 0, maxYen: 0, free: true },
  },
  {
    facilityId: "nanto-tennis",
    townCode: "nanto",
    townName: "南砺市",
    name: "桜ヶ池テニスコート 第1コート",
    kind: "tennis_court",
    kindLabel: "テニスコート",
    capacity: 4,
    address: "富山県南砺市",
    opensAt: "09:00",
    closesAt: "21:00",
    closedWeekdays: [],
    fee: { minYen: 400, maxYen: 600, free: false },
  },
  {
    facilityId: "nanto-washitsu",
    townCode: "nanto",
    townName: "南砺市",
    name: "城端公民館 和室",
    kind: "meeting_room",
    kindLabel: "会議室",
    capacity: 20,
    address: "富山県南砺市",
    opensAt: "09:00",
    closesAt: "21:00",
    closedWeekdays: ["月"],
    fee: { minYen: 300, maxYen: 500, free: false },
  },
];
/** The catalogue entries as the provider lists them: its slots with their fees, as availability() prices them. */
const catalogue = facilities.map((f) => ({
  ...f,
  note: "",
  slots: slotDefs.map((s, j) => {
    const feeYen = f.fee.free ? 0 : f.fee.minYen + j * 300;
    return { ...s, feeYen, requiresPin: feeYen > 0 };
  }),
}));
const WEEKDAYS = ["日", "月", "火", "水", "木", "金", "土"];

/** Slots the facility's staff closed to new bookings, by `facilityId/date/slotCode`, with the reason shown. */
type Closures = Map<string, { reason: string; noticeToBooked: string; closedAt: string }>;

function availability(
  facilityId: string,
  from: string,
  days: number,
  booked: Set<string>,
  closures: Closures = new Map(),
) {
  const facility = facilities.find((f) => f.facilityId === facilityId)!;
  const [y, m, d] = from.split("-").map(Number) as [number, number, number];
  return Array.from({ length: days }, (_, i) => {
    const date = new Date(Date.UTC(y, m - 1, d + i));
    const iso = date.toISOString().slice(0, 10);
    const weekday = WEEKDAYS[date.getUTCDay()]!;
    const closed = facility.closedWeekdays.includes(weekday);
    return {
      date: iso,
      weekday,
      closedReason: closed ? "休館日" : null,
      slots: slotDefs.map((s, j) => ({
        ...s,
        feeYen: facility.fee.free ? 0 : facility.fee.minYen + j * 300,
        closedReason: closures.get(`${facilityId}/${iso}/${s.code}`)?.reason ?? null,
        // A deterministic pattern of others' bookings so the grid reads like a real week.
        status:
          closed || closures.has(`${facilityId}/${iso}/${s.code}`)
            ? "closed"
            : booked.has(`${facilityId}/${iso}/${s.code}`)
              ? "mine"
              : (i * 3 + j * 7) % 5 === 0
                ? "booked"
                : "available",
      })),
    };
  });
}

/** One route the fake imitates: its method and path, and the contract schema of its success body. */
export interface ImitatedRoute {
  method: "GET" | "POST" | "DELETE";
  /** Matched against the path; a provider route is matched after `/v1/services/{serviceId}/api`. */
  path: RegExp;
  /** null for a route that answers 204 without a body. */
  schema: z.ZodType | null;
  /** The provider a route belongs to, reached through the PF proxy; absent for the PF's own routes. */
  service?: string;
}

type Handler = (
  match: RegExpMatchArray,
  request: FakeRequest,
) => Promise<[number, unknown]> | [number, unknown];
interface FakeRequest {
  body: () => Promise<Json>;
  query: URLSearchParams;
}

const error = (status: number, code: ErrorCode, message: string): [number, unknown] => [
  status,
  { error: { code, message, requestId: "req-fake" } },
];

export interface FakeBackend {
  url: string;
  server: Server;
  /** The next request whose path starts with `pathPrefix` fails with this PF error code. */
  failNext(pathPrefix: string, code: ErrorCode, status: number, details?: Json): void;
  /** The next request whose path starts with `pathPrefix` waits for the function returned to be called. */
  holdNext(pathPrefix: string): () => void;
  /** The method and path of every request received, in order. */
  requests: string[];
  /** Every route it imitates, for the test that calls each one. */
  routes: readonly ImitatedRoute[];
  /** Staff close a slot to new bookings (as the facility's staff page does); a booking on it gets their notice. */
  closeSlot(slot: {
    facilityId: string;
    date: string;
    slotCode: string;
    reason: string;
    noticeToBooked: string;
  }): void;
  reset(): void;
  close(): Promise<void>;
}

export interface FakeBackendOptions {
  /** How long registration takes (the screenshots show its progress screen; unit tests need no wait). */
  registrationDelayMs?: number;
  /** Services the viewer has enrolled in already (none by default: the first visit asks). */
  enrolled?: string[];
}

export async function startFakeBackend(options: FakeBackendOptions = {}): Promise<FakeBackend> {
  let acr: "urn:catv:acr:pin" | "urn:catv:acr:pin-phone" | "urn:catv:acr:pinless" | null = null;
  /** Cross-device requests by ID: their purpose and how many polls they have answered. */
  const crossDevice = new Map<string, { purpose: string; polls: number }>();
  let enrolled = new Set<string>(options.enrolled);
  let bookings: Json[] = [];
  const closures: Closures = new Map();
  let statusAsked = 0;
  const failures: { prefix: string; code: ErrorCode; status: number; details?: Json }[] = [];
  const holds: { prefix: string; released: Promise<void> }[] = [];
  const requests: string[] = [];

  const tokens = (level: "urn:catv:acr:pin" | "urn:catv:acr:pin-phone" | "urn:catv:acr:pinless") => {
    acr = level;
    return {
      accessToken: `at-${Date.now()}`,
      refreshToken: `rt-${Date.now()}`,
      expiresIn: 900,
      acr: level,
      cableId: CABLE_ID,
    };
  };
  const routes: (ImitatedRoute & { handle: Handler; viewer?: boolean })[] = [];
  /** A TV API route; `viewer` ones answer 401 session_expired without a session, as the PF does. */
  const tv = (
    method: ImitatedRoute["method"],
    path: RegExp,
    schema: z.ZodType | null,
    handle: Handler,
    viewer = false,
  ) => routes.push({ method, path, schema, handle, viewer });
  /** A provider route, reached through the PF proxy with a session. */
  const api = (
    service: string,
    method: ImitatedRoute["method"],
    path: RegExp,
    schema: z.ZodType,
    handle: Handler,
  ) => routes.push({ method, path, schema, handle, viewer: true, service });

  tv("GET", /^\/v1\/portal$/, portalResponseSchema, () => [
    200,
    {
      operatorId: "op-nanto",
      town: "南砺市",
      branding: {
        operatorName: "なんとケーブルテレビ（デモ）",
        portalTitle: "南砺市 ケーブル窓口",
        primaryColor: "#1b3a5c",
        accentColor: "#ffb300",
      },
      services,
    },
  ]);
  tv("POST", /^\/v1\/challenges$/, challengeResponseSchema, async (_m, req) => {
    const { purpose } = await req.body();
    return [
      201,
      {
        challengeId: `ch-${Date.now()}`,
        nonce: "bm9uY2U",
        toBeSigned: Buffer.from(`CATV-PF\n${purpose}\nop\nterm\nch\nnonce`).toString("base64"),
        expiresAt: new Date(Date.now() + 300_000).toISOString(),
      },
    ];
  });
  tv("POST", /^\/v1\/registrations$/, registrationResponseSchema, async () => {
    await new Promise((r) => setTimeout(r, options.registrationDelayMs ?? 600));
    statusAsked = 0;
    return [201, { cableId: CABLE_ID, outcome: "new", householdLink: "pending", receipt: RECEIPT }];
  });
  // The operator links the household a moment after registration: the second question hears "linked".
  tv("POST", /^\/v1\/registrations\/status$/, registrationStatusResponseSchema, async (_m, req) => {
    const { receipt } = await req.body();
    if (receipt !== RECEIPT) return error(401, "registration_receipt_invalid", "Not a receipt of ours.");
    statusAsked += 1;
    return [200, { cableId: CABLE_ID, householdLink: statusAsked >= LINKED_AFTER ? "linked" : "pending" }];
  });
  tv("POST", /^\/v1\/sessions$/, tokenResponseSchema, () => [201, tokens("urn:catv:acr:pin")]);
  tv("POST", /^\/v1\/pinless\/start$/, pinlessStartResponseSchema, () => [
    200,
    {
      challengeId: "ch-pl",
      challenge: Buffer.alloc(32, 7).toString("base64"),
      birthDateKey: "620315",
      expiresAt: new Date(Date.now() + 300_000).toISOString(),
    },
  ]);
  tv("POST", /^\/v1\/pinless\/sessions$/, tokenResponseSchema, () => [201, tokens("urn:catv:acr:pinless")]);
  tv("POST", /^\/v1\/sessions\/step-up$/, tokenResponseSchema, () => [201, tokens("urn:catv:acr:pin")]);
  tv("POST", /^\/v1\/sessions\/refresh$/, tokenResponseSchema, () => [
    201,
    tokens(acr ?? "urn:catv:acr:pinless"),
  ]);
  // スマートフォンで: the phone confirms at the first poll and answers at the second.
  const crossDeviceRequest = (purpose: string): [number, Json] => {
    const requestId = `xdr-${crossDevice.size + 1}`;
    crossDevice.set(requestId, { purpose, polls: 0 });
    return [
      201,
      {
        requestId,
        userCode: "BCDF-GHJK",
        verificationUri: "http://phone.test/phone",
        verificationUriComplete: "http://phone.test/phone?code=BCDF-GHJK",
        expiresAt: new Date(Date.now() + 300_000).toISOString(),
        interval: 1,
      },
    ];
  };
  tv("POST", /^\/v1\/cross-device-requests$/, crossDeviceRequestResponseSchema, async (_m, req) => {
    const body = (await req.body().catch(() => ({}))) as { purpose?: string } | null;
    return crossDeviceRequest(body?.purpose === "registration" ? "registration" : "login");
  });
  tv(
    "POST",
    /^\/v1\/sessions\/current\/cross-device-step-up$/,
    crossDeviceRequestResponseSchema,
    () => crossDeviceRequest("step-up"),
    true,
  );
  tv("POST", /^\/v1\/cross-device-requests\/[^/]+\/poll$/, crossDevicePollResponseSchema, (m) => {
    const found = crossDevice.get(m[0]!.split("/")[3]!) ?? { purpose: "login", polls: 0 };
    found.polls += 1;
    if (found.polls === 1)
      return [200, { status: "confirmed", expiresAt: new Date(Date.now() + 300_000).toISOString() }];
    if (found.purpose === "registration")
      return [
        200,
        {
          status: "registered",
          registration: { cableId: CABLE_ID, outcome: "new", householdLink: "pending", receipt: RECEIPT },
        },
      ];
    return [200, { status: "session", tokens: tokens("urn:catv:acr:pin-phone") }];
  });
  tv("DELETE", /^\/v1\/cross-device-requests\/[^/]+$/, null, () => [204, null]);
  tv("DELETE", /^\/v1\/sessions\/current$/, null, () => {
    acr = null;
    return [204, null];
  });
  tv(
    "GET",
    /^\/v1\/me$/,
    meResponseSchema,
    () => [
      200,
      {
        cableId: CABLE_ID,
        acr,
        householdLink: "linked",
        services: services.map((s) => ({ ...s, enrolled: enrolled.has(s.serviceId) })),
      },
    ],
    true,
  );
  tv(
    "POST",
    /^\/v1\/services\/([^/]+)\/enrolment$/,
    enrolmentResponseSchema,
    (m) => {
      enrolled.add(m[1]!);
      return [201, { serviceId: m[1], enrolled: true }];
    },
    true,
  );

  api("facility-booking", "GET", /^\/towns$/, townsResponseSchema, () => [200, { towns }]);
  api("facility-booking", "GET", /^\/towns\/([^/]+)\/facilities$/, facilitiesResponseSchema, (m) => [
    200,
    { facilities: catalogue.filter((f) => f.townCode === m[1]) },
  ]);
  api(
    "facility-booking",
    "GET",
    /^\/facilities\/([^/]+)\/availability$/,
    availabilityResponseSchema,
    (m, req) => {
      const mine = new Set(
        bookings
          .filter((x) => x.status === "booked")
          .map((x) => `${x.facilityId}/${x.date}/${(x.slot as Json).code}`),
      );
      const from = req.query.get("from") ?? "2026-12-01";
      return [
        200,
        {
          facilityId: m[1],
          days: availability(m[1]!, from, Number(req.query.get("days") ?? 7), mine, closures),
        },
      ];
    },
  );
  api("facility-booking", "GET", /^\/booking-terms$/, bookingTermsSchema, (_m, req) => {
    const facilityId = req.query.get("facilityId") ?? "";
    const date = req.query.get("date") ?? "";
    const slotCode = req.query.get("slotCode") ?? "";
    const facility = facilities.find((f) => f.facilityId === facilityId);
    const slot =
      facility && availability(facilityId, date, 1, new Set())[0]?.slots.find((x) => x.code === slotCode);
    if (!facility || !slot) return error(404, "not_found", "その枠はありません。");
    const [y, m, d] = date.split("-").map(Number) as [number, number, number];
    const shift = (days: number) => new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
    return [
      200,
      {
        facilityId,
        date,
        slotCode,
        feeYen: slot.feeYen,
        cancelDeadline: shift(-1),
        freeCancellationUntil: slot.feeYen > 0 ? shift(-7) : null,
        lateCancellationFeeYen: slot.feeYen,
      },
    ];
  });
  api("facility-booking", "POST", /^\/bookings$/, bookingSchema, async (_m, req) => {
    const { facilityId, date, slotCode } = (await req.body()) as {
      facilityId: string;
      date: string;
      slotCode: string;
    };
    const facility = facilities.find((f) => f.facilityId === facilityId);
    const slot =
      facility && availability(facilityId, date, 1, new Set())[0]?.slots.find((x) => x.code === slotCode);
    if (!facility || !slot) return error(404, "not_found", "その枠はありません。");
    if (slot.feeYen > 0 && acr !== "urn:catv:acr:pin" && acr !== "urn:catv:acr:pin-phone")
      return error(403, "step_up_required", "PIN needed.");
    const [y, m, d] = date.split("-").map(Number) as [number, number, number];
    const shift = (days: number) => new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
    const booking = {
      bookingId: `B-${String(bookings.length + 1).padStart(5, "0")}`,
      facilityId,
      facilityName: facility.name,
      townName: facility.townName,
      date,
      slot: { code: slot.code, label: slot.label, startsAt: slot.startsAt, endsAt: slot.endsAt },
      status: "booked",
      feeYen: slot.feeYen,
      taxRatePercent: 10,
      billing: slot.feeYen > 0 ? "ケーブルテレビ料金と一緒に請求されます" : null,
      feeOutcome: slot.feeYen > 0 ? "charged" : "free",
      createdAt: new Date().toISOString(),
      cancelledAt: null,
      cancelDeadline: shift(-1),
      freeCancellationUntil: slot.feeYen > 0 ? shift(-7) : null,
      cancellable: true,
    };
    bookings.push(booking);
    return [201, booking];
  });
  api("facility-booking", "GET", /^\/bookings$/, bookingsResponseSchema, () => [
    200,
    {
      bookings: bookings
        .filter((x) => x.status === "booked")
        .map((x) => {
          const closure = closures.get(`${x.facilityId}/${x.date}/${(x.slot as { code: string }).code}`);
          return closure
            ? {
                ...x,
                notice: { kind: "slot_closed", message: closure.noticeToBooked, since: closure.closedAt },
              }
            : x;
        }),
    },
  ]);
  api("facility-booking", "POST", /^\/bookings\/([^/]+)\/cancel$/, bookingSchema, (m) => {
    const x = bookings.find((y) => y.bookingId === m[1]);
    if (!x) return error(404, "not_found", "その予約はありません。");
    x.status = "cancelled";
    x.feeOutcome = x.feeYen === 0 ? "free" : "refunded";
    x.cancelledAt = new Date().toISOString();
    x.cancellable = false;
    return [200, x];
  });

  const item = (
    key: string,
    label: string,
    value: number,
    unit: string,
    reference: string,
    flag: string,
  ) => ({
    item: key,
    label,
    value,
    unit,
    reference,
    flag,
  });
  const sample = "サンプルデータ（架空の健康情報です）";
  const stepMonths = [6120, 7450, 8310, 9230, 7780, 8420].map((averageDaily, i) => ({
    month: `2026-${String(5 + i).padStart(2, "0")}`,
    totalSteps: averageDaily * 30,
    averageDaily,
  }));
  const notices = [
    {
      id: "n1",
      publishedAt: "2026-11-20",
      category: "checkup",
      title: "特定健診の受診券を送りました",
      body: "12月末までに受診してください。",
    },
  ];
  api("healthcare", "GET", /^\/summary$/, healthSummarySchema, () => [
    200,
    {
      sample,
      profile: { sex: "1", age: 58 },
      latestCheckup: {
        fiscalYear: 2026,
        examDate: "2026-06-12",
        items: [
          item("heightCm", "身長", 168.2, "cm", "", "normal"),
          item("weightKg", "体重", 66.4, "kg", "", "normal"),
          item("bmi", "BMI", 23.5, "", "18.5〜24.9", "normal"),
          item("waistCm", "腹囲", 84, "cm", "85未満", "normal"),
          item("systolicBp", "収縮期血圧", 142, "mmHg", "130未満", "see_doctor"),
          item("hba1c", "HbA1c", 5.8, "%", "5.6未満", "caution"),
          item("ldl", "LDLコレステロール", 128, "mg/dL", "120未満", "caution"),
          item("hdl", "HDLコレステロール", 58, "mg/dL", "40以上", "normal"),
        ],
      },
      flagged: { caution: ["hba1c", "ldl"], seeDoctor: ["systolicBp"] },
      checkupYears: [2022, 2023, 2024, 2025, 2026],
      latestSteps: stepMonths.at(-1),
      latestNotice: notices[0],
    },
  ]);
  api("healthcare", "GET", /^\/trends\/(\w+)$/, trendSchema, (m) => {
    const base: Record<string, [string, string, string, number[]]> = {
      systolicBp: ["収縮期血圧", "mmHg", "130未満", [124, 127, 131, 136, 142]],
      hba1c: ["HbA1c", "%", "5.6未満", [5.3, 5.4, 5.5, 5.7, 5.8]],
      ldl: ["LDLコレステロール", "mg/dL", "120未満", [112, 118, 121, 125, 128]],
      bmi: ["BMI", "", "18.5〜24.9", [22.6, 22.9, 23.1, 23.4, 23.5]],
    };
    const [label, unit, reference, values] = base[m[1]!] ?? ["腹囲", "cm", "85未満", [80, 81, 83, 84, 84]];
    const high = Number(reference.match(/^([\d.]+)未満$/)?.[1] ?? Number.POSITIVE_INFINITY);
    return [
      200,
      {
        sample,
        item: m[1],
        label,
        unit,
        reference,
        points: values.map((value, i) => ({
          fiscalYear: 2022 + i,
          examDate: `${2022 + i}-06-12`,
          value,
          flag: value >= high ? "caution" : "normal",
        })),
      },
    ];
  });
  api("healthcare", "GET", /^\/steps$/, stepsSchema, () => [
    200,
    { sample, goalDaily: 8000, months: stepMonths },
  ]);
  api("healthcare", "GET", /^\/notices$/, noticesResponseSchema, () => [200, { sample, notices }]);

  const route = async (method: string, path: string, req: IncomingMessage): Promise<[number, unknown]> => {
    const proxied = path.match(/^\/v1\/services\/([^/]+)\/api(\/.*)$/);
    const query = new URL(req.url ?? "/", "http://x").searchParams;
    const request: FakeRequest = {
      query,
      body: async () => {
        const chunks: Buffer[] = [];
        for await (const c of req) chunks.push(c as Buffer);
        return chunks.length ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as Json) : {};
      },
    };
    for (const r of routes) {
      if (r.method !== method) continue;
      const match = r.service
        ? proxied?.[1] === r.service
          ? proxied[2]!.match(r.path)
          : null
        : path.match(r.path);
      if (!match) continue;
      if (r.viewer && acr === null) return error(401, "session_expired", "No session.");
      const [status, payload] = await r.handle(match, request);
      // Held to the contract: a body that drifted from its schema fails here, loudly, not in a screenshot.
      const schema = status < 300 ? r.schema : errorBodySchema;
      if (schema) schema.parse(payload);
      return [status, payload];
    }
    return error(404, "not_found", "No such route.");
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
    requests.push(`${req.method} ${path}`);
    const held = holds.findIndex((h) => path.startsWith(h.prefix));
    if (held >= 0) await holds.splice(held, 1)[0]!.released;
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
    requests,
    routes: routes.map(({ method, path, schema, service }) => ({ method, path, schema, service })),
    failNext: (prefix, code, status, details) => {
      failures.push({ prefix, code, status, ...(details ? { details } : {}) });
    },
    holdNext: (prefix) => {
      let release = () => {};
      holds.push({ prefix, released: new Promise<void>((resolve) => (release = resolve)) });
      return () => release();
    },
    closeSlot: ({ facilityId, date, slotCode, reason, noticeToBooked }) => {
      closures.set(`${facilityId}/${date}/${slotCode}`, {
        reason,
        noticeToBooked,
        closedAt: new Date().toISOString(),
      });
    },
    reset: () => {
      acr = null;
      closures.clear();
      enrolled = new Set(options.enrolled);
      bookings = [];
      statusAsked = 0;
      failures.length = 0;
      holds.length = 0;
    },
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        // Keep-alive connections of the app's fetch would hold the close for seconds.
        server.closeAllConnections();
      }),
  };
}
