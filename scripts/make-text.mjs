// Regenerates the committed novel in src/Core/Data/Text/ from Debian's r-cran-janeaustenr package (janeaustenr 1.0.0
// by Julia Silge, MIT licence; the novels themselves are in the public domain, from Project Gutenberg).
//
//   node scripts/make-text.mjs [path-to-extracted-package]
//
// Without an argument it runs `apt-get download r-cran-janeaustenr` in a temporary directory and extracts the .deb there.
// The package keeps each novel as an R character vector (one element per printed line) in R's lazy-load database:
// data/Rdata.rdx (gzip of an R serialization: variables = name → [offset, length]) indexes data/Rdata.rdb, whose blobs
// are a 4-byte big-endian length and a zlib stream of an R serialization (R Internals, "Serialization Formats").
// Output: pride-and-prejudice.txt.gz, the lines of `prideprejudice` joined by "\n" with a final "\n", gzip-compressed;
// the script checks the text is ASCII and at most 1 MB.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync, gzipSync, inflateSync } from "node:zlib";

const NOVEL = "prideprejudice";
const outFile = join(dirname(fileURLToPath(import.meta.url)), "..", "src", "Core", "Data", "Text", "pride-and-prejudice.txt.gz");

function fetchPackage() {
  const dir = mkdtempSync(join(tmpdir(), "janeaustenr-"));
  execFileSync("apt-get", ["download", "r-cran-janeaustenr"], { cwd: dir, stdio: "inherit" });
  const deb = readdirSync(dir).find((f) => f.endsWith(".deb"));
  execFileSync("dpkg-deb", ["-x", deb, "x"], { cwd: dir });
  return join(dir, "x", "usr", "lib", "R", "site-library", "janeaustenr");
}

// The subset of R's XDR serialization (format 2 or 3) that the lazy-load index and character vectors use.
function unserialize(buf) {
  let p = 2;
  const int = () => { const v = buf.readInt32BE(p); p += 4; return v; };
  if (buf.toString("latin1", 0, 2) !== "X\n") throw new Error("not an XDR serialization");
  const version = int(); int(); int();
  if (version === 3) { const n = int(); p += n; } // native encoding name
  const refs = [];
  const item = () => {
    const flags = int();
    const type = flags & 0xff, hasAttr = (flags & (1 << 9)) !== 0, hasTag = (flags & (1 << 10)) !== 0;
    const withAttr = (a) => { if (hasAttr) a.attr = item(); return a; };
    switch (type) {
      case 254: case 242: case 253: case 251: case 252: case 250: case 241: return null; // NULL and special environments
      case 255: { const i = flags >> 8 || int(); return refs[i - 1]; } // reference to an earlier symbol
      case 1: { const s = { symbol: item() }; refs.push(s); return s; }
      case 2: { const attr = hasAttr ? item() : null, tag = hasTag ? item() : null; return { attr, tag, car: item(), cdr: item() }; }
      case 9: { const n = int(); if (n === -1) return null; const s = buf.toString("utf8", p, p + n); p += n; return s; }
      case 10: case 13: { const n = int(); const a = []; for (let i = 0; i < n; i++) a.push(int()); return withAttr(a); }
      case 14: { const n = int(); const a = []; for (let i = 0; i < n; i++, p += 8) a.push(buf.readDoubleBE(p)); return withAttr(a); }
      case 16: case 19: { const n = int(); const a = []; for (let i = 0; i < n; i++) a.push(item()); return withAttr(a); }
      default: throw new Error(`R object type ${type} at byte ${p} is not supported`);
    }
  };
  return item();
}

const pkg = process.argv[2] ?? fetchPackage();
const index = unserialize(gunzipSync(readFileSync(join(pkg, "data", "Rdata.rdx"))));
const variables = index[0], names = variables.attr.car;
const at = names.indexOf(NOVEL);
if (at < 0) throw new Error(`${NOVEL} is not in the package's data (${names.join(", ")})`);
const [offset, length] = variables[at];
const blob = readFileSync(join(pkg, "data", "Rdata.rdb")).subarray(offset, offset + length);
const lines = unserialize(inflateSync(blob.subarray(4)));
const text = lines.join("\n") + "\n";
if (!/^[\x0a\x20-\x7e]*$/.test(text)) throw new Error("the text has characters beyond printable ASCII and newline");
if (text.length > 1_000_000) throw new Error(`the text has ${text.length} characters, beyond 1 MB`);
// mtime 0 in the gzip header keeps the output byte-identical across regenerations.
writeFileSync(outFile, gzipSync(Buffer.from(text, "latin1"), { level: 9 }));
console.log(`wrote ${lines.length} lines, ${text.length} characters, ${new Set(text).size} distinct, to ${outFile}`);
