/**
 * @module `npm run fuzz [iterations] [seed]`: the long fuzz run (default 200 000 parser inputs and 3 000 driver
 * rounds). Prints the figures and exits 1 on any crash, with the seed to replay it.
 */
import { fuzzDriver, fuzzParsers } from "./fuzz.ts";

const iterations = Number(process.argv[2] ?? 200_000);
const seed = Number(process.argv[3] ?? Date.now() % 2 ** 31);
const started = performance.now();
const parsers = fuzzParsers(iterations, seed);
const driver = await fuzzDriver(Math.max(100, Math.floor(iterations / 70)), seed);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`seed ${seed}: ${parsers.cases} parser cases, ${driver.cases} driver rounds in ${seconds} s`);
const crashes = [...parsers.crashes, ...driver.crashes];
for (const crash of crashes.slice(0, 20))
  console.log(`CRASH ${crash.target}: ${crash.error} (input ${crash.input})`);
console.log(crashes.length === 0 ? "no crash, no hang" : `${crashes.length} crashes`);
process.exit(crashes.length === 0 ? 0 : 1);
