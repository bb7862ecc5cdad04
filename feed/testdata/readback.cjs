// Reads a feed with the npm package feedsmith (independent of broadsheet)
// and prints what it found as JSON, for feed_test.go.
//   node readback.cjs FEEDSMITH_DIR FILE
const feedsmith = require(process.argv[2]);
const fs = require("fs");
const { format, feed } = feedsmith.parseFeed(fs.readFileSync(process.argv[3], "utf8"));
const text = (v) => (v && typeof v === "object" ? v.value || "" : v || "");
const out = { format, title: text(feed.title), entries: [] };
const items = format === "atom" ? feed.entries : feed.items;
for (const it of items || []) {
  if (format === "rss") {
    out.entries.push({
      id: it.guid ? it.guid.value : "",
      title: it.title || "",
      link: it.link || "",
      summary: it.description || "",
      content: it.content ? it.content.encoded || "" : "",
      authors: it.dc ? it.dc.creators || [] : [],
      tags: (it.categories || []).map((c) => c.name),
      media: ((it.media && it.media.contents) || []).map((m) => ({ url: m.url, type: m.type || "", width: m.width || 0, height: m.height || 0, alt: m.description ? m.description.value : "" })),
      published: it.pubDate ? new Date(it.pubDate).toISOString() : "",
    });
  } else if (format === "atom") {
    const alt = (it.links || []).find((l) => !l.rel || l.rel === "alternate");
    out.entries.push({
      id: it.id || "",
      title: text(it.title),
      link: alt ? alt.href : "",
      summary: text(it.summary),
      content: text(it.content),
      authors: (it.authors || []).map((a) => a.name),
      tags: (it.categories || []).map((c) => c.term),
      media: (it.links || []).filter((l) => l.rel === "enclosure").map((l) => ({ url: l.href, type: l.type || "", width: 0, height: 0, alt: l.title || "" })),
      published: it.published ? new Date(it.published).toISOString() : "",
    });
  } else if (format === "json") {
    out.entries.push({
      id: it.id || "",
      title: it.title || "",
      link: it.url || "",
      summary: it.summary || "",
      content: it.content_html || "",
      authors: (it.authors || []).map((a) => a.name),
      tags: it.tags || [],
      media: it.image ? [{ url: it.image, type: "", width: 0, height: 0, alt: "" }] : [],
      published: it.date_published ? new Date(it.date_published).toISOString() : "",
    });
  }
}
process.stdout.write(JSON.stringify(out));
