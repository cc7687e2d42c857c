// Render Mermaid files with Mermaid itself: mermaid-cli's renderMermaid in one headless Chromium.
//
//   node scripts/render_diagrams.mjs TOOLS_DIR FILE.mmd...
//
// TOOLS_DIR holds node_modules with @mermaid-js/mermaid-cli (scripts/render-diagrams installs
// it). Each FILE.mmd becomes FILE.svg and FILE.png beside it. Mermaid's parser is the judge: a
// file it refuses is reported with Mermaid's message, and the exit status is 1.
// Chromium: $PUPPETEER_EXECUTABLE_PATH (scripts/render-diagrams sets it); --no-sandbox as root.
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [tools, ...files] = process.argv.slice(2);
const load = (name) =>
  import(pathToFileURL(path.join(tools, "node_modules", name)).href);
const { renderMermaid } = await load("@mermaid-js/mermaid-cli/src/index.js");
const puppeteer = (await load("puppeteer/lib/esm/puppeteer/puppeteer.js")).default;

const browser = await puppeteer.launch({
  headless: true,
  executablePath: process.env.PUPPETEER_EXECUTABLE_PATH,
  args: process.getuid?.() === 0 ? ["--no-sandbox"] : [],
});
// Mermaid's SVG is width="100%" (it fills its container): shown by an <img>, that is 300 px
// wide. Give it its own size, from its viewBox, so a page shows it at the size it was laid out.
const sized = (data) => {
  const svg = Buffer.from(data).toString("utf8");
  const box = svg.match(/viewBox="[-\d.]+ [-\d.]+ ([\d.]+) ([\d.]+)"/);
  if (!box) return data;
  const [width, height] = box.slice(1).map((n) => Math.ceil(Number(n)));
  return svg.replace('width="100%"', `width="${width}" height="${height}"`);
};
let failed = 0;
try {
  for (const file of files) {
    const definition = await readFile(file, "utf8");
    const stem = file.replace(/\.mmd$/, "");
    try {
      for (const format of ["svg", "png"]) {
        const { data } = await renderMermaid(browser, definition, format, {
          // PNGs at twice the size, to read small labels.
          viewport: { width: 1600, height: 1000, deviceScaleFactor: 2 },
        });
        await writeFile(`${stem}.${format}`, format === "svg" ? sized(data) : data);
      }
      console.log(`ok      ${file}`);
    } catch (error) {
      failed += 1;
      console.log(`FAILED  ${file}\n${String(error.message ?? error).split("\n").slice(0, 6).join("\n")}`);
    }
  }
} finally {
  await browser.close();
}
process.exitCode = failed ? 1 : 0;
