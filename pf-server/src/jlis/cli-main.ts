/**
 * @module Process entry of `jlis-cli`.
 */
import { runCli } from "./cli.ts";

// Everything this process creates (jlis.sqlite and its WAL, which hold the CA keys; card images) is private.
process.umask(0o077);

process.exitCode = await runCli(process.argv.slice(2));
