// bench.mjs renders broadsheet's reference share card with satori +
// @resvg/resvg-js and with takumi, and prints CPU and wall time per card as
// JSON. The Go driver (go run ./bench/cards) writes the inputs and prints
// the comparison; run it from there.
//
//   node bench.mjs DIR [N]
//
// DIR holds content.json and the fonts (written by the Go driver); N is the
// number of timed cards per pipeline after one warm-up card.
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import satori from "satori";
import { Resvg } from "@resvg/resvg-js";
import { Renderer } from "@takumi-rs/core";
import { fromJsx } from "@takumi-rs/helpers/jsx";

const dir = process.argv[2];
const n = Number(process.argv[3] || 50);
const c = JSON.parse(fs.readFileSync(path.join(dir, "content.json"), "utf8"));
const bold = fs.readFileSync(path.join(dir, "Go-Bold.ttf"));
const regular = fs.readFileSync(path.join(dir, "Go-Regular.ttf"));

const h = (type, style, ...children) => ({
  type,
  props: { style, children: children.length === 1 ? children[0] : children },
});

// The same geometry as render/card's standard layout at 1200×630.
function tree() {
  const inner = c.width - 2 * c.padding;
  const badge = (text, bg, fg) =>
    h("div", {
      display: "flex", alignItems: "center", height: 38, padding: "0 14px", borderRadius: 7,
      backgroundColor: bg, color: fg, fontFamily: "Go", fontWeight: 700, fontSize: 21,
      letterSpacing: 1.7, textTransform: "uppercase", marginRight: 18,
    }, text);
  return h("div", { width: c.width, height: c.height, display: "flex", backgroundColor: c.background, fontFamily: "Go" },
   h("div", {
    width: inner, height: c.height - 2 * c.padding, marginLeft: c.padding, marginTop: c.padding,
    display: "flex", flexDirection: "column",
  },
    h("div", { display: "flex", alignItems: "center", height: 56 },
      h("div", {
        width: 56, height: 56, borderRadius: 10, backgroundColor: c.accent, color: c.accentText,
        display: "flex", alignItems: "center", justifyContent: "center", fontSize: 34, fontWeight: 700,
      }, c.initial),
      h("div", { marginLeft: 18, fontSize: 30, fontWeight: 700, color: c.text }, c.site)),
    h("div", { display: "flex", alignItems: "center", marginTop: 30 },
      ...(c.breaking ? [badge("Breaking", c.breakingColor, "#ffffff")] : []),
      h("div", { fontSize: 21, fontWeight: 700, letterSpacing: 1.7, textTransform: "uppercase", color: c.accent }, c.section)),
    h("div", {
      width: inner, marginTop: 28, fontSize: c.headlinePx, fontWeight: 700, lineHeight: 1.12, color: c.text,
      lineClamp: 4, display: "block",
    }, c.headline),
    h("div", {
      width: inner, marginTop: 22, fontSize: 28, fontWeight: 400, lineHeight: 1.3, color: c.muted, lineClamp: 2, display: "block",
    }, c.standfirst),
    h("div", {
      width: inner, marginTop: "auto", borderTop: `2px solid ${c.rule}`, paddingTop: 22, display: "flex",
      justifyContent: "space-between", fontSize: 24, fontWeight: 400, color: c.muted,
    }, h("div", {}, c.domain), h("div", {}, c.date))));
}

const fonts = [
  { name: "Go", data: bold, weight: 700, style: "normal" },
  { name: "Go", data: regular, weight: 400, style: "normal" },
];

async function satoriResvg() {
  const svg = await satori(tree(), { width: c.width, height: c.height, fonts });
  const r = new Resvg(svg, { font: { loadSystemFonts: false } });
  return r.render().asPng();
}

const takumi = new Renderer();
await takumi.registerFont({ name: "Go", data: bold, weight: 700 });
await takumi.registerFont({ name: "Go", data: regular, weight: 400 });
async function takumiPng() {
  const { node, css } = await fromJsx(tree());
  return takumi.render(node, { width: c.width, height: c.height, format: "png", css });
}

async function measure(name, fn, ext = "png") {
  const first = await fn(); // warm-up (and the image kept for looking at)
  fs.writeFileSync(path.join(dir, `${name.replace(" ", "-")}.${ext}`), first);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let bytes = 0;
  for (let i = 0; i < n; i++) bytes = (await fn()).length;
  const wall = (performance.now() - t0) / n;
  const cpu = process.cpuUsage(cpu0);
  return { name, cards: n, cpu_ms: (cpu.user + cpu.system) / 1000 / n, wall_ms: wall, bytes };
}

// The photo card: the lead image cover-cropped under a scrim (dark at the
// top behind the header, stronger from the middle down behind the
// headline), the headline at the bottom: the geometry of render/card's
// photo layout. The image is decoded for every card (cache: "none"), as
// render/card does from bytes.
const lead = fs.readFileSync(path.join(dir, "lead.jpg"));
function photoTree() {
  const s = c.scrimRGB;
  return h("div", { width: c.width, height: c.height, display: "flex", position: "relative", fontFamily: "Go" },
    { type: "img", props: { src: "lead.jpg", style: { position: "absolute", top: 0, left: 0, width: c.width, height: c.height, objectFit: "cover" } } },
    h("div", {
      position: "absolute", top: 0, left: 0, width: c.width, height: c.height,
      backgroundImage: `linear-gradient(to bottom, rgba(${s},0.55) 0%, rgba(${s},0) 42%, rgba(${s},0.2) 50%, rgba(${s},0.8) 70%, rgba(${s},0.9) 100%)`,
    }),
    h("div", { position: "absolute", left: c.padding, top: c.padding, display: "flex", alignItems: "center", height: 56 },
      h("div", {
        width: 56, height: 56, borderRadius: 10, backgroundColor: c.accent, color: c.accentText,
        display: "flex", alignItems: "center", justifyContent: "center", fontSize: 34, fontWeight: 700,
      }, c.initial),
      h("div", { marginLeft: 18, fontSize: 30, fontWeight: 700, color: c.text }, c.site)),
    h("div", { position: "absolute", left: c.padding, top: c.padding + 86, display: "flex", alignItems: "center" },
      ...(c.breaking ? [h("div", {
        display: "flex", alignItems: "center", height: 38, padding: "0 14px", borderRadius: 7,
        backgroundColor: c.breakingColor, color: "#ffffff", fontWeight: 700, fontSize: 21,
        letterSpacing: 1.7, textTransform: "uppercase", marginRight: 18,
      }, "Breaking")] : []),
      h("div", { fontSize: 21, fontWeight: 700, letterSpacing: 1.7, textTransform: "uppercase", color: c.accent }, c.section)),
    h("div", {
      position: "absolute", left: c.padding, width: c.width - 2 * c.padding, bottom: 126,
      fontSize: c.photoHeadlinePx, fontWeight: 700, lineHeight: 1.1, color: c.text, lineClamp: 3, display: "block",
    }, c.headline),
    h("div", {
      position: "absolute", left: c.padding, width: c.width - 2 * c.padding, bottom: c.padding, display: "flex",
      justifyContent: "space-between", fontSize: 24, color: c.text,
    }, h("div", {}, c.domain), h("div", {}, c.date)));
}
async function takumiPhoto() {
  const { node, css } = await fromJsx(photoTree());
  return takumi.render(node, {
    width: c.width, height: c.height, format: "jpeg", quality: 85, css,
    images: [{ src: "lead.jpg", data: lead, cache: "none" }],
  });
}

const results = [];
results.push(await measure("satori-resvg", satoriResvg));
results.push(await measure("takumi", takumiPng));
results.push(await measure("takumi photo", takumiPhoto, "jpg"));
process.stdout.write(JSON.stringify(results) + "\n");
