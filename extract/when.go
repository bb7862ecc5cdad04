package extract

import (
	"encoding/json"
	"regexp"
	"strings"
	"time"
)

func jsonUnmarshal(s string, v any) error { return json.Unmarshal([]byte(s), v) }

// dcand is one candidate date and where it came from. Lower tiers are
// trusted more.
type dcand struct {
	st     stamp
	src    string
	family string // json-ld, meta, microdata, time, text, url: one vote each
	tier   int
}

var (
	publishedMeta = []string{"article:published_time", "og:article:published_time", "article.published", "og:published_time",
		"parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued", "dcterms.created", "dc.date.created",
		"dc.date", "dcterms.date", "date", "pubdate", "publishdate", "publish-date", "publish_date", "publication_date",
		"citation_publication_date", "citation_date", "original-publish-date", "article_date_original", "datepublished",
		"cxenseparse:recs:publishtime", "bt:pubdate", "article.created", "created"}
	modifiedMeta = []string{"article:modified_time", "og:article:modified_time", "og:updated_time", "article.updated",
		"dcterms.modified", "dc.date.modified", "last-modified", "lastmod", "datemodified", "sailthru.lastmodified"}
	pubHintRe  = regexp.MustCompile(`publish|pubdate|posted|created|date-?published|dateline|byline|entry-date|post-date|article-date|story-date|timestamp|meta-date|post-meta|article-meta|first-published`)
	modHintRe  = regexp.MustCompile(`updat|modif|edited|revis`)
	urlDateRe  = regexp.MustCompile(`/((?:19|20)\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:/|-|$)`)
	updatedRe  = regexp.MustCompile(`(?i)\b(updated|modified|mis à jour|aktualisiert|actualizado|aggiornato|bijgewerkt|last edited)\b`)
	strongTier = 3
)

func (x *extractor) dateCands(modified bool) []dcand {
	var cs []dcand
	add := func(raw, src, family string, tier int) {
		if st, ok := parseStamp(raw); ok {
			cs = append(cs, dcand{st: st, src: src, family: family, tier: tier})
		}
	}
	ldKey, ldAlt, metas, mdKey := "datePublished", "dateCreated", publishedMeta, "datePublished"
	if modified {
		ldKey, ldAlt, metas, mdKey = "dateModified", "", modifiedMeta, "dateModified"
	}
	if x.main != nil {
		add(x.g.str(x.main, ldKey), ldName(x.main)+" "+ldKey, "json-ld", 1)
	}
	for i, k := range metas {
		tier := 2
		if i >= 4 {
			tier = 4
		}
		for _, v := range x.p.metaAll(k) {
			add(v, "meta "+k, "meta", tier)
			break
		}
	}
	if !modified {
		if v := parselyPage(x.p); v != nil {
			if s, ok := v["pub_date"].(string); ok {
				add(s, "meta parsely-page pub_date", "meta", 4)
			}
		}
	}
	if x.main != nil && ldAlt != "" {
		add(x.g.str(x.main, ldAlt), ldName(x.main)+" "+ldAlt, "json-ld", 6)
	}
	if x.web != nil && !sameNode(x.web, x.main) {
		add(x.g.str(x.web, ldKey), ldName(x.web)+" "+ldKey, "json-ld", 3)
	}
	if x.mi != nil {
		add(x.mi.text(mdKey), "microdata "+mdKey, "microdata", 5)
	}
	// <time> elements that say what they date.
	hintRe := pubHintRe
	if modified {
		hintRe = modHintRe
	}
	var plain []timeTag
	for _, t := range x.p.times {
		if t.outside {
			continue
		}
		marked := (t.pubdate && !modified) || (hintRe.MatchString(t.hint) && (modified || !modHintRe.MatchString(t.hint)))
		if !marked {
			plain = append(plain, t)
			continue
		}
		raw := t.datetime
		if raw == "" {
			if st, ok := textDate(t.text); ok {
				cs = append(cs, dcand{st: st, src: "<time> text", family: "time", tier: 6})
			}
			continue
		}
		add(raw, "<time datetime> ("+strings.TrimSpace(lastWords(t.hint, 3))+")", "time", 6)
	}
	if modified {
		return cs
	}
	// A page with a few <time> elements that all give one day.
	var nearPlain []timeTag
	for _, t := range plain {
		if t.near {
			nearPlain = append(nearPlain, t)
		}
	}
	plain = nearPlain
	if len(plain) > 0 && len(plain) <= 3 {
		var first *stamp
		agree := true
		for _, t := range plain {
			st, ok := parseStamp(t.datetime)
			if !ok {
				continue
			}
			if first == nil {
				first = &st
			} else if !sameDay(dayOf(*first), dayOf(st)) {
				agree = false
			}
		}
		if first != nil && agree {
			cs = append(cs, dcand{st: *first, src: "<time datetime>", family: "time", tier: 7})
		}
	}
	// Visible datelines and bylines: one date, not marked "updated".
	// Those in the article (or after its <h1>) when there are any.
	var lines []string
	for pass := 0; pass < 2 && len(lines) == 0; pass++ {
		for _, d := range x.p.datelines {
			if d.near || pass == 1 {
				lines = append(lines, d.text)
			}
		}
		for _, b := range x.p.bylines {
			if b.near || pass == 1 {
				lines = append(lines, b.text)
			}
		}
	}
	var textSt *stamp
	agree := true
	for _, l := range lines {
		if updatedRe.MatchString(l) {
			continue
		}
		st, ok := textDate(l)
		if !ok {
			continue
		}
		if textSt == nil {
			textSt = &st
		} else if !sameDay(textSt.t, st.t) {
			agree = false
		}
	}
	if textSt != nil && agree {
		cs = append(cs, dcand{st: *textSt, src: "visible dateline \"" + textSt.raw + "\"", family: "text", tier: 8})
	}
	if x.a.URL != "" {
		if m := urlDateRe.FindStringSubmatch(x.a.URL); m != nil {
			if st, ok := parseStamp(m[1] + "-" + m[2] + "-" + m[3]); ok {
				cs = append(cs, dcand{st: st, src: "date in the URL", family: "url", tier: 9})
			}
		}
	}
	return cs
}

func sameNode(a, b node) bool { return a != nil && b != nil && ptrKey(a) == ptrKey(b) }

func lastWords(s string, n int) string {
	f := strings.Fields(s)
	if len(f) > n {
		f = f[len(f)-n:]
	}
	return strings.Join(f, " ")
}

// dayOf is the calendar date a stamp names, as midnight UTC.
func dayOf(st stamp) time.Time {
	y, m, d := st.t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// agree reports whether two candidates can name the same moment: the same
// instant for two exact stamps, else the same calendar day.
func agree(a, b stamp) bool {
	if a.prec == PrecisionExact && b.prec == PrecisionExact {
		if d := a.t.Sub(b.t); d > -time.Minute && d < time.Minute {
			return true
		}
		return sameDay(a.t, b.t)
	}
	if a.prec == PrecisionExact {
		return sameDay(a.t, b.t) || sameDay(a.t.UTC(), b.t)
	}
	if b.prec == PrecisionExact {
		return sameDay(a.t, b.t) || sameDay(a.t, b.t.UTC())
	}
	return sameDay(a.t, b.t)
}

// resolveDate picks the date the page's sources support. It prefers the
// most trusted source, checks it against the other strong sources, and
// lowers the precision or gives up rather than pick a side blindly.
func (x *extractor) resolveDate(field string, cs []dcand) (time.Time, Precision, string) {
	if len(cs) == 0 {
		return time.Time{}, PrecisionNone, ""
	}
	best := cs[0]
	for _, c := range cs[1:] {
		if c.tier < best.tier {
			best = c
		}
	}
	support := func(ref dcand) int {
		fams := map[string]bool{}
		for _, c := range cs {
			if agree(c.st, ref.st) {
				fams[c.family] = true
			}
		}
		return len(fams)
	}
	var rivals []dcand
	for _, c := range cs {
		if c.tier <= strongTier && !agree(c.st, best.st) {
			rivals = append(rivals, c)
		}
	}
	if len(rivals) > 0 {
		bs := support(best)
		winner, tie := best, false
		for _, r := range rivals {
			switch s := support(r); {
			case s > bs:
				winner, bs, tie = r, s, false
			case s == bs && !agree(r.st, winner.st):
				tie = true
			}
		}
		if tie && best.st.t.Before(rivals[0].st.t) && best.tier < rivals[0].tier && len(rivals) == 1 {
			// Two trusted sources, two days: the more trusted one is the
			// earlier, so the other is most likely a later republication.
			x.r.note("%s: %s %q and %s %q disagree; the more trusted and earlier kept", field, best.src, best.st.raw, rivals[0].src, rivals[0].st.raw)
			tie = false
			winner = best
		}
		if tie {
			x.r.note("%s: sources disagree on the day (%s %q, %s %q); left empty rather than guess", field, best.src, best.st.raw, rivals[0].src, rivals[0].st.raw)
			return time.Time{}, PrecisionNone, ""
		}
		if winner.src != best.src {
			x.r.note("%s: %s %q disagrees with the other sources; %s %q kept", field, best.src, best.st.raw, winner.src, winner.st.raw)
		} else {
			x.r.note("%s: %s %q disagrees with %s %q; the better supported value kept", field, rivals[0].src, rivals[0].st.raw, best.src, best.st.raw)
		}
		best = winner
	}
	// Within the agreeing sources, the most precise trusted one.
	var exact []dcand
	var wall *dcand
	for i, c := range cs {
		if !agree(c.st, best.st) || (c.tier > 7 && c.src != best.src) {
			continue
		}
		switch c.st.prec {
		case PrecisionExact:
			exact = append(exact, c)
		case precWall:
			if wall == nil {
				wall = &cs[i]
			}
		}
	}
	if len(exact) > 0 {
		e := exact[0]
		for _, c := range exact[1:] {
			if c.tier < e.tier {
				e = c
			}
		}
		for _, c := range exact {
			if c.tier <= strongTier && c.tier < 6 {
				if d := c.st.t.Sub(e.st.t); d <= -time.Minute || d >= time.Minute {
					x.r.note("%s: %s %q and %s %q are different times of the same day; only the date is kept", field, e.src, e.st.raw, c.src, c.st.raw)
					return x.dateOnly(e.st.t), PrecisionDate, e.src
				}
			}
		}
		if wall != nil && !sameWall(wall.st.t, e.st.t) && wall.tier < e.tier {
			x.r.note("%s: %s %q has no zone and does not match %s %q; only the date is kept", field, wall.src, wall.st.raw, e.src, e.st.raw)
			return x.dateOnly(wall.st.t), PrecisionDate, wall.src
		}
		return e.st.t, PrecisionExact, e.src
	}
	if wall != nil {
		if x.opts.Zone != nil {
			t := wall.st.t
			return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), x.opts.Zone), PrecisionLocal, wall.src + " in Options.Zone"
		}
		x.r.note("%s: %s %q gives no time zone; only its date is kept (time set to midnight, not stated by the page)", field, wall.src, wall.st.raw)
		return x.dateOnly(wall.st.t), PrecisionDate, wall.src
	}
	return x.dateOnly(best.st.t), PrecisionDate, best.src
}

// dateOnly is midnight of t's calendar date, in Options.Zone or UTC.
func (x *extractor) dateOnly(t time.Time) time.Time {
	loc := time.UTC
	if x.opts.Zone != nil {
		loc = x.opts.Zone
	}
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, loc)
}

func (x *extractor) dates() {
	t, prec, src := x.resolveDate("published", x.dateCands(false))
	if prec != PrecisionNone {
		x.a.Published = t
		x.res.PublishedPrecision = prec
		x.r.add("published", src, t.Format(time.RFC3339))
		x.r.Fields[len(x.r.Fields)-1].Precision = prec
	}
	mt, mprec, msrc := x.resolveDate("modified", x.dateCands(true))
	if mprec != PrecisionNone {
		if !x.a.Published.IsZero() && mt.Before(x.a.Published) {
			if mprec == PrecisionDate && sameDay(mt, x.a.Published) {
				return
			}
			x.r.note("modified: %s %s is before the publication time; left out", msrc, mt.Format(time.RFC3339))
			return
		}
		x.a.Modified = mt
		x.res.ModifiedPrecision = mprec
		x.r.add("modified", msrc, mt.Format(time.RFC3339))
		x.r.Fields[len(x.r.Fields)-1].Precision = mprec
	}
}
