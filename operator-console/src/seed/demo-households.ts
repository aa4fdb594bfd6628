/**
 * @module The demo operators' household registers. The people the simulated J-LIS issues cards to
 * (pf-server/src/jlis/seed/residents.ts) appear here as the operator's own records would hold them — written in
 * other forms (no prefecture, hyphens, 番地 omitted, a standard character where the certificate has a 外字) so that
 * automatic linking exercises the normalisation. 服部 あおい is deliberately absent: her address is still under the
 * previous tenant's contract, so her registration waits in the linking queue. Around a hundred further
 * households per town are generated deterministically.
 */
import type { HouseholdInput } from "../db/households-repository.ts";

interface Known {
  town: string;
  address: string;
  plan: string;
  fee: number;
  members: { name: string; birthDate: string; gender: "1" | "2" | "9" }[];
}

/** The J-LIS seed residents' households, keyed by town. */
const known: Known[] = [
  {
    town: "南砺市",
    address: "富山県南砺市福光1234",
    plan: "スタンダード",
    fee: 4_400,
    members: [
      { name: "山田 太郎", birthDate: "1958-04-12", gender: "1" },
      { name: "山田 和子", birthDate: "1960-09-02", gender: "2" },
    ],
  },
  {
    town: "南砺市",
    address: "南砺市井波3110-2",
    plan: "ネット＋テレビ",
    fee: 7_480,
    members: [
      // The register has the standard 高; the certificate's 髙 is a substitute character (代替文字).
      { name: "高橋 美咲", birthDate: "1980-02-17", gender: "2" },
      { name: "高橋 陽翔", birthDate: "2012-06-30", gender: "1" },
    ],
  },
  {
    town: "南砺市",
    address: "南砺市城端521番地",
    plan: "ベーシック",
    fee: 2_750,
    members: [{ name: "石黒 健一", birthDate: "1947-11-03", gender: "1" }],
  },
  {
    town: "南砺市",
    address: "富山県南砺市福野一丁目8-15",
    plan: "スタンダード",
    fee: 4_400,
    members: [{ name: "松本　さくら", birthDate: "1993-03-28", gender: "2" }],
  },
  {
    town: "須坂市",
    address: "須坂市須坂1528-1",
    plan: "スタンダード",
    fee: 4_180,
    members: [
      { name: "小林 一郎", birthDate: "1965-08-30", gender: "1" },
      { name: "小林 恵", birthDate: "1967-01-21", gender: "2" },
    ],
  },
  {
    town: "須坂市",
    address: "長野県須坂市墨坂2-5-12",
    plan: "プレミアム",
    fee: 6_600,
    members: [{ name: "宮沢 由美子", birthDate: "1972-12-24", gender: "2" }],
  },
  {
    town: "須坂市",
    address: "須坂市臥竜３－１－７",
    plan: "ベーシック",
    fee: 2_530,
    members: [{ name: "北村 翔太", birthDate: "1995-06-18", gender: "1" }],
  },
  {
    town: "須坂市",
    address: "須坂市大字米持410",
    plan: "ベーシック",
    fee: 2_530,
    members: [{ name: "丸山 千代", birthDate: "1926-12-20", gender: "2" }],
  },
  {
    town: "いなべ市",
    address: "いなべ市北勢町阿下喜2005",
    plan: "スタンダード",
    fee: 4_070,
    members: [
      { name: "伊藤 健太", birthDate: "1989-01-07", gender: "1" },
      { name: "伊藤 美穂", birthDate: "1990-05-19", gender: "2" },
    ],
  },
  {
    town: "いなべ市",
    address: "三重県いなべ市員弁町笠田新田1234番地",
    plan: "ネット＋テレビ",
    fee: 7_150,
    members: [{ name: "佐藤 花子", birthDate: "1985-03-15", gender: "2" }],
  },
  {
    town: "いなべ市",
    address: "三重県いなべ市大安町大井田2705番地",
    plan: "スタンダード",
    fee: 4_070,
    members: [{ name: "水谷 誠", birthDate: "1952-09-09", gender: "1" }],
  },
  {
    // The previous tenant of 服部 あおい's address: her registration cannot match and waits for staff.
    town: "いなべ市",
    address: "いなべ市藤原町市場123",
    plan: "ベーシック",
    fee: 2_420,
    members: [{ name: "森 正樹", birthDate: "1949-02-11", gender: "1" }],
  },
];

const areas: Record<string, { prefecture: string; prefix: string; districts: string[] }> = {
  南砺市: {
    prefecture: "富山県",
    prefix: "NT",
    districts: ["福光", "福野", "井波", "城端", "井口", "平", "上平", "利賀"],
  },
  須坂市: {
    prefecture: "長野県",
    prefix: "SZ",
    districts: ["大字須坂", "墨坂", "臥竜", "大字米持", "塩川町", "大字小河原", "旭ケ丘"],
  },
  いなべ市: {
    prefecture: "三重県",
    prefix: "IN",
    districts: ["北勢町阿下喜", "員弁町笠田新田", "大安町大井田", "藤原町市場", "北勢町麻生田"],
  },
};
const familyNames = [
  "田中",
  "中村",
  "吉田",
  "山本",
  "加藤",
  "林",
  "清水",
  "山口",
  "松井",
  "野村",
  "斎藤",
  "前田",
  "岡田",
  "長谷川",
  "村上",
  "石田",
  "坂本",
  "酒井",
  "西村",
  "藤井",
];
const givenMale = ["大輔", "直樹", "翔", "拓也", "誠一", "浩", "隆", "悠真", "蓮", "健二"];
const givenFemale = ["陽子", "真由美", "彩", "結衣", "恵子", "直美", "美香", "葵", "陽菜", "裕子"];
const plans: [string, number][] = [
  ["ベーシック", 2_750],
  ["スタンダード", 4_400],
  ["プレミアム", 6_600],
  ["ネット＋テレビ", 7_480],
];

/** Park–Miller generator: the same households on every machine, without storing them. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 48_271) % 2_147_483_647;
    return state / 2_147_483_647;
  };
}

const pick = <T>(list: readonly T[], r: () => number): T => list[Math.floor(r() * list.length)] as T;
const birth = (r: () => number, from: number, to: number) => {
  const y = from + Math.floor(r() * (to - from));
  const m = 1 + Math.floor(r() * 12);
  const d = 1 + Math.floor(r() * 28);
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
};

export function demoHouseholds(town: string, count = 100): HouseholdInput[] {
  const area = areas[town];
  if (!area) return [];
  const list: HouseholdInput[] = known
    .filter((k) => k.town === town)
    .map((k, i) => ({
      contractId: `${area.prefix}-${String(i + 1).padStart(5, "0")}`,
      address: k.address,
      plan: k.plan,
      monthlyFeeYen: k.fee,
      members: k.members,
    }));
  const r = random(town.codePointAt(0) ?? 7);
  const end = list.length + count;
  for (let i = list.length; i < end; i++) {
    const family = pick(familyNames, r);
    const [plan, fee] = pick(plans, r);
    const head = r() < 0.5;
    const members = [
      {
        name: `${family} ${pick(head ? givenMale : givenFemale, r)}`,
        birthDate: birth(r, 1940, 1990),
        gender: head ? ("1" as const) : ("2" as const),
      },
    ];
    const extra = Math.floor(r() * 3);
    for (let j = 0; j < extra; j++) {
      const male = r() < 0.5;
      members.push({
        name: `${family} ${pick(male ? givenMale : givenFemale, r)}`,
        birthDate: birth(r, 1950, 2015),
        gender: male ? "1" : "2",
      });
    }
    const district = pick(area.districts, r);
    const number = 1 + Math.floor(r() * 3000);
    const address =
      r() < 0.5 ? `${area.prefecture}${town}${district}${number}番地` : `${town}${district}${number}`;
    list.push({
      contractId: `${area.prefix}-${String(i + 1).padStart(5, "0")}`,
      address,
      plan,
      monthlyFeeYen: fee,
      members,
    });
  }
  return list;
}
