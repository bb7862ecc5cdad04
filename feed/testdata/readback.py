#!/usr/bin/python3
# Reads a feed or sitemap with parsers independent of broadsheet and prints
# what they found as JSON, for feed_test.go to compare with the articles.
#   readback.py feed FILE     -> feedparser (RSS 2.0, Atom 1.0, JSON Feed)
#   readback.py sitemap FILE  -> xml.etree.ElementTree
import json
import sys
import xml.etree.ElementTree as ET


def feed(path):
    import feedparser
    d = feedparser.parse(path)
    out = {
        "bozo": bool(d.bozo),
        "bozo_exception": str(d.get("bozo_exception", "")),
        "version": d.version,
        "title": d.feed.get("title", ""),
        "link": d.feed.get("link", ""),
        "language": d.feed.get("language", ""),
        "entries": [],
    }
    for e in d.entries:
        content = ""
        if e.get("content"):
            content = e.content[0].value
        media = [m.get("url", "") for m in e.get("media_content", [])]
        media += [l.get("href", "") for l in e.get("links", []) if l.get("rel") == "enclosure"]
        out["entries"].append({
            "id": e.get("id", ""),
            "title": e.get("title", ""),
            "link": e.get("link", ""),
            "summary": e.get("summary", ""),
            "content": content,
            "authors": [a.get("name", "") for a in e.get("authors", [])],
            "tags": [t.get("term", "") for t in e.get("tags", [])],
            "media": media,
            "published": "%04d-%02d-%02dT%02d:%02d:%02dZ" % tuple(e.published_parsed[:6]) if e.get("published_parsed") else "",
        })
    return out


def sitemap(path):
    ns = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "image": "http://www.google.com/schemas/sitemap-image/1.1",
        "news": "http://www.google.com/schemas/sitemap-news/0.9",
    }
    root = ET.parse(path).getroot()
    if root.tag != "{%s}urlset" % ns["s"]:
        raise SystemExit("root is %s, not urlset" % root.tag)
    urls = []
    for u in root.findall("s:url", ns):
        entry = {
            "loc": u.findtext("s:loc", "", ns),
            "lastmod": u.findtext("s:lastmod", "", ns),
            "images": [i.findtext("image:loc", "", ns) for i in u.findall("image:image", ns)],
        }
        n = u.find("news:news", ns)
        if n is not None:
            entry["news"] = {
                "name": n.findtext("news:publication/news:name", "", ns),
                "language": n.findtext("news:publication/news:language", "", ns),
                "date": n.findtext("news:publication_date", "", ns),
                "title": n.findtext("news:title", "", ns),
            }
        urls.append(entry)
    return {"urls": urls}


if __name__ == "__main__":
    kind, path = sys.argv[1], sys.argv[2]
    print(json.dumps(feed(path) if kind == "feed" else sitemap(path)))
