/**
 * @module サンプルデータ: the demo towns' facilities. Names follow the way Japanese municipalities name their
 * 公の施設 but none is a real facility, address or fee schedule.
 */
import type { Facility, FacilityKind, Slot, Town } from "../domain/ports.ts";

export const SAMPLE_NOTE = "サンプルデータ（実在の施設・料金ではありません）";

export const demoTowns: Omit<Town, "facilityCount">[] = [
  { code: "nanto", name: "南砺市", prefecture: "富山県" },
  { code: "suzaka", name: "須坂市", prefecture: "長野県" },
  { code: "inabe", name: "いなべ市", prefecture: "三重県" },
];

/** 午前・午後・夜間: the usual three-part day of a municipal gym, hall or meeting room. */
function dayParts(am: number, pm: number, ev: number): Slot[] {
  return [
    { code: "am", label: "午前", startsAt: "09:00", endsAt: "12:00", feeYen: am },
    { code: "pm", label: "午後", startsAt: "13:00", endsAt: "17:00", feeYen: pm },
    { code: "ev", label: "夜間", startsAt: "18:00", endsAt: "21:00", feeYen: ev },
  ];
}

/** Tennis courts let by two hours; the evening slot costs more for the floodlights (照明料込み). */
function twoHours(fee: number, lightingFee: number): Slot[] {
  return [9, 11, 13, 15, 17, 19].map((h) => ({
    code: `h${String(h).padStart(2, "0")}`,
    label: `${h}時〜${h + 2}時`,
    startsAt: `${String(h).padStart(2, "0")}:00`,
    endsAt: `${String(h + 2).padStart(2, "0")}:00`,
    feeYen: h >= 17 ? fee + lightingFee : fee,
  }));
}

interface Spec {
  id: string;
  townCode: string;
  name: string;
  kind: FacilityKind;
  capacity: number;
  address: string;
  closedWeekdays: number[];
  slots: Slot[];
  note?: string;
}

const specs: Spec[] = [
  // 南砺市
  {
    id: "nanto-fukumitsu-gym",
    townCode: "nanto",
    name: "福光総合体育館 アリーナ",
    kind: "gym",
    capacity: 300,
    address: "富山県南砺市福光（サンプル）",
    closedWeekdays: [1],
    slots: dayParts(1200, 1600, 2000),
  },
  {
    id: "nanto-fukuno-hall",
    townCode: "nanto",
    name: "福野文化会館 多目的ホール",
    kind: "hall",
    capacity: 400,
    address: "富山県南砺市福野（サンプル）",
    closedWeekdays: [2],
    slots: dayParts(6000, 9000, 10000),
  },
  {
    id: "nanto-inami-room1",
    townCode: "nanto",
    name: "井波地域交流センター 第1会議室",
    kind: "meeting_room",
    capacity: 30,
    address: "富山県南砺市井波（サンプル）",
    closedWeekdays: [1],
    slots: dayParts(500, 700, 700),
  },
  {
    id: "nanto-johana-washitsu",
    townCode: "nanto",
    name: "城端公民館 和室",
    kind: "meeting_room",
    capacity: 20,
    address: "富山県南砺市城端（サンプル）",
    closedWeekdays: [1],
    slots: dayParts(0, 0, 0),
    note: "市内在住の方は無料",
  },
  {
    id: "nanto-sakuragaike-tennis1",
    townCode: "nanto",
    name: "桜ヶ池テニスコート 第1コート",
    kind: "tennis_court",
    capacity: 4,
    address: "富山県南砺市立野原（サンプル）",
    closedWeekdays: [],
    slots: twoHours(400, 200),
  },
  // 須坂市
  {
    id: "suzaka-city-gym",
    townCode: "suzaka",
    name: "須坂市民体育館 メインアリーナ",
    kind: "gym",
    capacity: 500,
    address: "長野県須坂市（サンプル）",
    closedWeekdays: [1],
    slots: dayParts(1500, 2000, 2500),
  },
  {
    id: "suzaka-bunka-small-hall",
    townCode: "suzaka",
    name: "須坂市文化会館 小ホール",
    kind: "hall",
    capacity: 300,
    address: "長野県須坂市（サンプル）",
    closedWeekdays: [2],
    slots: dayParts(5000, 8000, 9000),
  },
  {
    id: "suzaka-silky-room",
    townCode: "suzaka",
    name: "シルキーホール 研修室",
    kind: "meeting_room",
    capacity: 40,
    address: "長野県須坂市（サンプル）",
    closedWeekdays: [1],
    slots: dayParts(600, 800, 800),
  },
  {
    id: "suzaka-hokubu-room",
    townCode: "suzaka",
    name: "北部公民館 会議室",
    kind: "meeting_room",
    capacity: 25,
    address: "長野県須坂市（サンプル）",
    closedWeekdays: [1, 4],
    slots: dayParts(0, 0, 0),
    note: "公民館活動の登録団体は無料",
  },
  {
    id: "suzaka-garyu-tennis-a",
    townCode: "suzaka",
    name: "臥竜公園テニスコート A面",
    kind: "tennis_court",
    capacity: 4,
    address: "長野県須坂市臥竜（サンプル）",
    closedWeekdays: [],
    slots: twoHours(500, 300),
  },
  // いなべ市
  {
    id: "inabe-hokusei-gym",
    townCode: "inabe",
    name: "北勢体育館",
    kind: "gym",
    capacity: 350,
    address: "三重県いなべ市北勢町（サンプル）",
    closedWeekdays: [1],
    slots: dayParts(1000, 1500, 2000),
  },
  {
    id: "inabe-fujiwara-hall",
    townCode: "inabe",
    name: "藤原文化センター ホール",
    kind: "hall",
    capacity: 350,
    address: "三重県いなべ市藤原町（サンプル）",
    closedWeekdays: [1],
    slots: dayParts(4000, 6000, 7000),
  },
  {
    id: "inabe-daian-room2",
    townCode: "inabe",
    name: "大安公民館 第2会議室",
    kind: "meeting_room",
    capacity: 24,
    address: "三重県いなべ市大安町（サンプル）",
    closedWeekdays: [1],
    slots: dayParts(0, 0, 0),
    note: "市内の団体・個人は無料",
  },
  {
    id: "inabe-inabe-plaza-room",
    townCode: "inabe",
    name: "員弁コミュニティプラザ 研修室",
    kind: "meeting_room",
    capacity: 36,
    address: "三重県いなべ市員弁町（サンプル）",
    closedWeekdays: [3],
    slots: dayParts(400, 600, 600),
  },
  {
    id: "inabe-nogyo-park-tennis1",
    townCode: "inabe",
    name: "農業公園テニスコート 1番コート",
    kind: "tennis_court",
    capacity: 4,
    address: "三重県いなべ市藤原町（サンプル）",
    closedWeekdays: [],
    slots: twoHours(300, 200),
  },
];

export const demoFacilities: Omit<Facility, "townName">[] = specs.map((s) => {
  const opensAt = s.slots[0]!.startsAt;
  const closesAt = s.slots.at(-1)!.endsAt;
  return {
    id: s.id,
    townCode: s.townCode,
    name: s.name,
    kind: s.kind,
    capacity: s.capacity,
    address: s.address,
    opensAt,
    closesAt,
    closedWeekdays: s.closedWeekdays,
    note: s.note ? `${s.note}。${SAMPLE_NOTE}` : SAMPLE_NOTE,
    slots: s.slots,
  };
});
