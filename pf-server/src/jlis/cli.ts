/**
 * @module `jlis-cli`: the J-LIS administrator's command line, working directly on `$CATV_DATA_DIR` (the same
 * database and card folder the server uses; SQLite WAL lets both run at once). The server serves the newest
 * CRL from the database, so revocations made here are visible to verifiers immediately.
 */
import { parseArgs } from "node:util";
import { silentLogger } from "@catv/service-kit";
import { ZodError, z } from "zod";
import { loadJlisConfig } from "./config.ts";
import { changeResidentDetails } from "./domain/change-resident-details.ts";
import { issueCard, residentInputSchema } from "./domain/issue-card.ts";
import { renewCardCertificates } from "./domain/renew-card-certificates.ts";
import { reportCardLoss } from "./domain/report-card-loss.ts";
import { viewResident } from "./domain/resident-view.ts";
import { revocationReasonSchema } from "./domain/revocation-reasons.ts";
import { revokeCertificate } from "./domain/revoke-certificate.ts";
import { JlisError } from "./errors.ts";
import { createJlisService } from "./jlis-service.ts";

export const USAGE = `Usage: jlis-cli <command> [options]   (data directory: $CATV_DATA_DIR, default .data)

  residents                                   list residents, cards and current certificates
  issue --name N --address A --birth-date YYYY-MM-DD --gender 1|2|9 --town T
        --auth-pin 1234 --sign-password ABC123 [--name-flags 0100…]
                                              create a resident and write their card image
  move <residentId> [--address A] [--name N]  記載事項変更: new 署名用 certificate in the same card
  renew <residentId>                          更新: new certificate pair (new card after a loss)
  report-loss <residentId>                    紛失: revoke both certificates (keyCompromise)
  revoke <serialHex> --reason <RFC 5280 reason>
  usage                                       verifier checks per month (J-LIS charges per check)
`;

const print = (value: unknown) => console.log(JSON.stringify(value, null, 2));

export async function runCli(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      name: { type: "string" },
      "name-flags": { type: "string" },
      address: { type: "string" },
      "birth-date": { type: "string" },
      gender: { type: "string" },
      town: { type: "string" },
      "auth-pin": { type: "string" },
      "sign-password": { type: "string" },
      reason: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  const [command, argument] = positionals;
  if (!command || values.help) {
    console.log(USAGE);
    return command || values.help ? 0 : 2;
  }
  const config = loadJlisConfig();
  const service = await createJlisService({
    dataDir: config.dataDir,
    database: config.database,
    publicUrl: config.publicUrl,
    credentials: config.credentials,
    log: silentLogger,
    crlIntervalSeconds: config.crlIntervalSeconds,
    deltaCrlIntervalSeconds: config.deltaCrlIntervalSeconds,
    syntheticRevocations: config.syntheticRevocations,
  });
  const { ctx } = service;
  const needArgument = (what: string) => {
    if (!argument) throw new JlisError("validation_failed", `${command} needs ${what}`);
    return argument;
  };
  try {
    switch (command) {
      case "residents":
        print(await Promise.all((await ctx.repo.listResidents()).map((r) => viewResident(ctx.repo, r))));
        return 0;
      case "issue": {
        const input = residentInputSchema.parse({
          name: values.name,
          ...(values["name-flags"] ? { nameAlternativeFlags: values["name-flags"] } : {}),
          address: values.address,
          birthDate: values["birth-date"],
          gender: values.gender,
          town: values.town,
          authPin: values["auth-pin"],
          signPassword: values["sign-password"],
        });
        print(await issueCard(ctx, input));
        return 0;
      }
      case "move":
        print(
          await changeResidentDetails(ctx, needArgument("a resident ID"), {
            ...(values.address ? { newAddress: values.address } : {}),
            ...(values.name ? { newName: values.name } : {}),
          }),
        );
        return 0;
      case "renew":
        print(await renewCardCertificates(ctx, needArgument("a resident ID")));
        return 0;
      case "report-loss":
        print(await reportCardLoss(ctx, needArgument("a resident ID")));
        return 0;
      case "revoke": {
        const { reason } = z.object({ reason: revocationReasonSchema }).parse({ reason: values.reason });
        print(await revokeCertificate(ctx, needArgument("a serial number"), reason));
        return 0;
      }
      case "usage":
        print(await ctx.repo.verifierUsage());
        return 0;
      default:
        console.error(`unknown command ${command}\n\n${USAGE}`);
        return 2;
    }
  } catch (error) {
    if (error instanceof JlisError) console.error(`${error.code}: ${error.message}`);
    else if (error instanceof ZodError) {
      console.error(
        `validation_failed: ${error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
      );
    } else throw error;
    return 1;
  } finally {
    await service.close();
  }
}
