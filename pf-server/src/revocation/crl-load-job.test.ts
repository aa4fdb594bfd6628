import { randomBytes } from "node:crypto";
import { x509 } from "@catv/jpki/x509";
import { beforeAll, describe, expect, it } from "vitest";
import { CrlRefusal } from "./crl-der.ts";
import { CrlLoadJob } from "./crl-load-job.ts";
import { chunksOf, type LoadedCrl, loadCrlHere, loadCrlInWorker, prepareCrlWorker } from "./crl-loader.ts";
import {
  createOpensslCa,
  createTestCa,
  type OpensslCa,
  peculiarCrl,
  type TestCa,
} from "./testing/crl-fixtures.ts";

let ca: TestCa;
let other: TestCa;
let sslCa: OpensslCa;
beforeAll(async () => {
  ca = await createTestCa();
  other = await createTestCa("C=JP, O=JPKI-TEST, OU=another CA");
  sslCa = createOpensslCa();
}, 60_000);

const load = (der: Uint8Array, anchors = [ca.anchor], chunkSize = 4096) =>
  loadCrlHere(chunksOf(der, chunkSize), anchors);

/** Every entry of the index as [hex, reason, ISO date]. */
const entriesOf = (crl: LoadedCrl) =>
  [...crl.index.entries()].map((e) => [
    e.serialHex,
    e.reason,
    new Date(e.revokedAtSeconds * 1000).toISOString(),
  ]);

const entry = (serialNumber: string) => ({ serialNumber, revocationDate: new Date("2024-01-01T00:00:00Z") });

const refusalOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CrlRefusal);
  return (error as CrlRefusal).code;
};

describe("CRLs made by openssl ca -gencrl", { timeout: 60_000 }, () => {
  it("reads an empty CRL: no entries, its CRL number and update times", async () => {
    const crl = await load(sslCa.crl([], "2A"), [sslCa.anchor]);
    expect(crl.index.size).toBe(0);
    expect(crl.info.crlNumber).toBe(42n);
    expect(crl.info.deltaBase).toBeUndefined();
    expect(crl.info.nextUpdate - crl.info.thisUpdate).toBe(86400_000);
  });

  it("reads entries without a reason, with a reason, and with an invalidityDate or hold instruction beside it", async () => {
    const der = sslCa.crl([
      ["0A", "240102030405Z"],
      ["00FF01", "240203040506Z,keyCompromise,20240101000000Z"],
      ["7F00000000000000000000000000000000000001", "250304050607Z,superseded"],
      ["1234", "230101000000Z,certificateHold,holdInstructionReject"],
      ["ABCDEF", "230101000001Z,affiliationChanged"],
    ]);
    const crl = await load(der, [sslCa.anchor], 7);
    expect(entriesOf(crl)).toEqual([
      ["a", 0, "2024-01-02T03:04:05.000Z"],
      ["1234", 6, "2023-01-01T00:00:00.000Z"],
      ["ff01", 1, "2024-02-03T04:05:06.000Z"],
      ["abcdef", 3, "2023-01-01T00:00:01.000Z"],
      ["7f00000000000000000000000000000000000001", 4, "2025-03-04T05:06:07.000Z"],
    ]);
    expect(crl.index.findHex("00ff01")).toBeGreaterThanOrEqual(0);
    expect(crl.index.findHex("FF02")).toBe(-1);
  });

  it("reads 300 entries, whose list needs a long-form length, in chunks of any size", async () => {
    const rows = Array.from({ length: 300 }, (_, i): [string, string] => [
      randomBytes(16).toString("hex").replace(/^0/, "1"),
      `2401${String((i % 28) + 1).padStart(2, "0")}000000Z${i % 3 === 0 ? "" : ",keyCompromise"}`,
    ]);
    const der = sslCa.crl(rows);
    for (const chunkSize of [1, 13, 1000, der.length]) {
      const crl = await load(der, [sslCa.anchor], chunkSize);
      expect(crl.index.size).toBe(300);
      for (const [serial] of rows) expect(crl.index.findHex(serial)).toBeGreaterThanOrEqual(0);
    }
  });

  it("refuses the CRL when its signature does not verify with the CA's key", async () => {
    const der = sslCa.crl([["0B", "240102030405Z"]]);
    const tampered = der.slice();
    // The last octet of the signature.
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] as number) ^ 1;
    expect(await refusalOf(load(tampered, [sslCa.anchor]))).toBe("crl_signature_invalid");
  });
});

describe("CRLs made by @peculiar/x509", { timeout: 120_000 }, () => {
  it("reads every entry exactly as @peculiar/x509 parses it", async () => {
    // @peculiar/x509's generator is quadratic in the entries; 1 500 is past asn1js's default node limit.
    const entries = Array.from({ length: 1500 }, (_, i) => ({
      // Unique by construction: a leading 1 digit (no leading zero to normalise away) and the index beside it;
      // @peculiar/x509's generator refuses two serials of the same value.
      serialNumber: (0x1000 + i).toString(16) + randomBytes(i % 18).toString("hex"),
      revocationDate: new Date(Date.UTC(2020 + (i % 30), i % 12, 1 + (i % 28), i % 24, i % 60, i % 60)),
      ...(i % 4 === 0 ? {} : { reason: [1, 3, 4, 9][i % 4] as x509.X509CrlReason }),
    }));
    const der = await peculiarCrl(ca, { crlNumber: 7, entries });
    const crl = await load(der, [ca.anchor], 999);
    // asn1js refuses more than 10 000 nodes by default (about 1 400 entries); the oracle lifts that limit.
    const oracle = new x509.X509Crl(der, { berOptions: { maxNodes: Number.POSITIVE_INFINITY } });
    const expected = oracle.entries
      .map((e) => [
        e.serialNumber.toLowerCase().replace(/^0+(?=.)/, ""),
        e.reason ?? 0,
        e.revocationDate.toISOString(),
      ])
      .filter((row, i, all) => all.findIndex((other) => other[0] === row[0]) === i);
    expect(entriesOf(crl).sort()).toEqual(expected.sort());
    expect(crl.info.crlNumber).toBe(7n);
  });

  it("reads a delta CRL's BaseCRLNumber", async () => {
    const crl = await load(await peculiarCrl(ca, { crlNumber: 12, deltaBase: 10 }));
    expect(crl.info.deltaBase).toBe(10n);
    expect(crl.info.crlNumber).toBe(12n);
  });

  it("counts removeFromCRL entries, which only a delta CRL may carry", async () => {
    const der = await peculiarCrl(ca, {
      crlNumber: 3,
      deltaBase: 2,
      entries: [
        { serialNumber: "0abc", reason: x509.X509CrlReason.removeFromCRL, revocationDate: new Date() },
      ],
    });
    expect((await load(der)).info.removeFromCrlCount).toBe(1);
  });

  it("refuses a CRL signed by another key under the same issuer name", async () => {
    const der = await peculiarCrl(ca, { crlNumber: 1, signingKey: other.keys.privateKey });
    expect(await refusalOf(load(der))).toBe("crl_signature_invalid");
  });

  it("refuses a CRL whose issuer is not one of the anchors", async () => {
    expect(await refusalOf(load(await peculiarCrl(other, { crlNumber: 1 })))).toBe("crl_issuer_unknown");
  });

  it("refuses a truncated CRL", async () => {
    const der = await peculiarCrl(ca, {
      crlNumber: 1,
      entries: [{ serialNumber: "01", revocationDate: new Date("2024-01-01T00:00:00Z") }],
    });
    for (const cut of [10, der.length - 300, der.length - 1]) {
      expect(await refusalOf(load(der.subarray(0, cut)))).toBe("crl_der_malformed");
    }
  });

  it("refuses bytes after the end of the CRL", async () => {
    const der = await peculiarCrl(ca, { crlNumber: 1 });
    const padded = new Uint8Array(der.length + 1);
    padded.set(der);
    expect(await refusalOf(load(padded))).toBe("crl_der_malformed");
  });

  it("refuses a CRL without a CRL number", async () => {
    const crl = await x509.X509CrlGenerator.create({
      issuer: ca.certificate.subjectName,
      nextUpdate: new Date(Date.now() + 3600_000),
      signingAlgorithm: { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" },
      signingKey: ca.keys.privateKey,
    });
    expect(await refusalOf(load(new Uint8Array(crl.rawData)))).toBe("crl_number_missing");
  });

  it("refuses a CRL with a critical extension it does not process (issuingDistributionPoint)", async () => {
    const der = await peculiarCrl(ca, {
      crlNumber: 1,
      extensions: [new x509.Extension("2.5.29.28", true, new Uint8Array([0x30, 0x03, 0x81, 0x01, 0xff]))],
    });
    expect(await refusalOf(load(der))).toBe("crl_unsupported_critical_extension");
  });

  it("refuses an entry that names a certificateIssuer (an indirect CRL)", async () => {
    const der = await peculiarCrl(ca, {
      crlNumber: 1,
      entries: [
        {
          serialNumber: "05",
          revocationDate: new Date("2024-01-01T00:00:00Z"),
          extensions: [new x509.Extension("2.5.29.29", true, new Uint8Array([0x30, 0x00]))],
        },
      ],
    });
    expect(await refusalOf(load(der))).toBe("crl_indirect_unsupported");
  });
});

describe("loading in a worker thread", { timeout: 60_000 }, () => {
  it("gives the same index as loading in place, and transfers it", async () => {
    const entries = Array.from({ length: 5000 }, (_, i) => ({
      serialNumber: randomBytes(16).toString("hex"),
      revocationDate: new Date(Date.UTC(2024, 0, 1, 0, 0, i)),
      reason: x509.X509CrlReason.superseded,
    }));
    const der = await peculiarCrl(ca, { crlNumber: 99, entries });
    const here = await load(der);
    const there = await loadCrlInWorker(chunksOf(der, 3000), [ca.anchor]);
    expect(there.info).toEqual(here.info);
    expect(entriesOf(there)).toEqual(entriesOf(here));
  }, 60_000);

  it("loads with the idle worker once it has started, and again with the next one", async () => {
    const der = await peculiarCrl(ca, { crlNumber: 5, entries: [entry("0c0d")] });
    for (let i = 0; i < 2; i++) {
      await prepareCrlWorker();
      const crl = await loadCrlInWorker(chunksOf(der), [ca.anchor]);
      expect(crl.index.findHex("c0d")).toBeGreaterThanOrEqual(0);
    }
  }, 60_000);

  it("rejects with the worker's refusal code", async () => {
    const der = await peculiarCrl(other, { crlNumber: 1 });
    expect(await refusalOf(loadCrlInWorker(chunksOf(der), [ca.anchor]))).toBe("crl_issuer_unknown");
  }, 60_000);

  it("the job refuses more bytes once the CRL is complete", async () => {
    const der = await peculiarCrl(ca, { crlNumber: 1 });
    const job = new CrlLoadJob([ca.anchor]);
    job.push(der);
    expect(() => job.push(new Uint8Array([0]))).toThrow(CrlRefusal);
  });
});
