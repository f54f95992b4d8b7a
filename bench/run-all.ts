/**
 * `npm run bench`: every benchmark in turn, each printing its own figures. Nothing here asserts
 * on time; the figures go into the issue notes and the README.
 */
import { main as api } from "./api.js";
import { main as broadcast } from "./broadcast.js";
import { main as deliver } from "./deliver.js";
import { main as feed } from "./feed.js";
import { main as format } from "./format.js";

const benches: [string, () => unknown][] = [
  ["format", format],
  ["api", api],
  ["feed", feed],
  ["deliver", deliver],
  ["broadcast", broadcast],
];

for (const [name, run] of benches) {
  console.log(`\n=== ${name} ===`);
  await run();
}
