import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  CONFIG_EXIT_CODE,
  type ConfigIo,
  envChoice,
  envInteger,
  envJson,
  envPort,
  envText,
  envUrl,
  readEnvConfig,
} from "./env-config.ts";

const schema = z.object({
  DEMO_PORT: envPort(7000),
  DEMO_URL: envUrl("http://127.0.0.1:7000"),
  DEMO_POLL_MS: envInteger(1000, { min: 10 }),
  DEMO_BACKEND: envChoice(["virtual", "usb"], "virtual"),
  DEMO_DIR: envText(".data"),
  DEMO_TARIFF_JSON: envJson(z.object({ loginYen: z.number().int().nonnegative() })),
});

/** Collects what would be printed, and turns the exit into an exception carrying its code. */
function recordingIo() {
  const lines: string[] = [];
  const io: ConfigIo = {
    error: (line) => lines.push(line),
    exit: (code) => {
      throw Object.assign(new Error("exit"), { code });
    },
  };
  return { lines, io };
}

function exitCodeOf(run: () => unknown): number | undefined {
  try {
    run();
  } catch (error) {
    return (error as { code?: number }).code;
  }
  return undefined;
}

describe("configuration from the environment", () => {
  it("reads each variable's default when it is not set", () => {
    expect(readEnvConfig("demo", schema, {})).toEqual({
      DEMO_PORT: 7000,
      DEMO_URL: "http://127.0.0.1:7000",
      DEMO_POLL_MS: 1000,
      DEMO_BACKEND: "virtual",
      DEMO_DIR: ".data",
      DEMO_TARIFF_JSON: undefined,
    });
  });

  it("reads an empty variable as not set", () => {
    expect(readEnvConfig("demo", schema, { DEMO_PORT: "", DEMO_URL: "" })).toMatchObject({
      DEMO_PORT: 7000,
      DEMO_URL: "http://127.0.0.1:7000",
    });
  });

  it("reads good values, dropping a URL's trailing slash", () => {
    const config = readEnvConfig("demo", schema, {
      DEMO_PORT: "0",
      DEMO_URL: "https://pf.example.jp/",
      DEMO_POLL_MS: "250",
      DEMO_BACKEND: "usb",
      DEMO_TARIFF_JSON: '{"loginYen":3}',
    });
    expect(config).toMatchObject({
      DEMO_PORT: 0,
      DEMO_URL: "https://pf.example.jp",
      DEMO_POLL_MS: 250,
      DEMO_BACKEND: "usb",
      DEMO_TARIFF_JSON: { loginYen: 3 },
    });
  });

  it("prints one line per problem, naming the variable, and exits with EX_CONFIG", () => {
    const { lines, io } = recordingIo();
    const code = exitCodeOf(() =>
      readEnvConfig(
        "demo",
        schema,
        {
          DEMO_PORT: "70000",
          DEMO_URL: "127.0.0.1:7000",
          DEMO_POLL_MS: "5",
          DEMO_BACKEND: "serial",
          DEMO_TARIFF_JSON: '{"loginYen":-1}',
        },
        io,
      ),
    );
    expect(code).toBe(CONFIG_EXIT_CODE);
    expect(lines).toEqual([
      '✖ demo configuration: DEMO_PORT: must be a port number from 0 to 65535, got "70000"',
      '✖ demo configuration: DEMO_URL: must be an http:// or https:// URL, got "127.0.0.1:7000"',
      '✖ demo configuration: DEMO_POLL_MS: must be a whole number of at least 10, got "5"',
      '✖ demo configuration: DEMO_BACKEND: must be one of virtual, usb, got "serial"',
      "✖ demo configuration: DEMO_TARIFF_JSON: does not fit: loginYen Too small: expected number to be >=0",
    ]);
  });

  it("says a JSON variable is not JSON without echoing it", () => {
    const { lines, io } = recordingIo();
    exitCodeOf(() => readEnvConfig("demo", schema, { DEMO_TARIFF_JSON: "{loginYen: 3" }, io));
    expect(lines).toEqual(["✖ demo configuration: DEMO_TARIFF_JSON: is not valid JSON"]);
  });
});
