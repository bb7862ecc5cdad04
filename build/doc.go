// Package build writes a site to static files: every article's page,
// fragment, metadata, share links and share card, the index, the feeds and
// the sitemaps, laid out so that a static host answers the URLs package
// serve answers, with the same bytes.
//
//	c, err := site.Load(site.Options{Site: cfg, Decoders: build.Decoders()}, "articles/")
//	res, err := build.Build(ctx, c, build.Options{Out: "public", PublicURL: "https://news.example.com/"})
//
// # Layout
//
// Every file is the response serve gives for the URL it stands for: the
// build runs a serve.Handler in process and writes each response body, so
// the two can never drift apart. Relative to Options.Out, for an article
// with id "harbour-wall" at https://news.example.com/uk/harbour-wall:
//
//	uk/harbour-wall/index.html                  its page (site.PagePath; a path ending ".html" is kept as the file name)
//	a/harbour-wall/index.html                   the same page at serve's /a/{id}
//	a/harbour-wall/fragment/index.html          the fragment (the oEmbed iframe)
//	a/harbour-wall/meta.json, share.json        resolved metadata, share links
//	cards/harbour-wall/1200x630-standard.HASH.png   its share card (og:image points here)
//	cards/harbour-wall/1200x630-standard.png        the card's stable alias
//	cards/harbour-wall/1080x1080-keypoint-1.png     its key-point card, when it has key points (the index links it)
//	index.html, feed.xml, atom.xml, feed.json, sitemap.xml, news-sitemap.xml
//	sitemaps/1.xml, sitemaps/2.xml, …               when the sitemap is too long for one file, its parts (sitemap.xml is then their index)
//
// Files with the same body (an article's page at its canonical path and at
// a/ID, a card and its alias) are hard links to one file where the file
// system allows, copies elsewhere.
//
// A full build leaves no same-site link in its HTML without a file behind
// it (links an article itself carries, such as an author's profile page,
// are the publisher's to host). Options.NoCards leaves out the card files
// (og:image, twitter:image and the index's card links then point at
// nothing); Options.PagesOnly writes only the pages at their canonical
// paths and the listings, so the index's links to /a/ID, its fragment,
// meta.json, share.json and the cards, and each page's og:image and
// twitter:image, have nothing behind them on a static host. The manifest
// sits in Out too: keep it with the output.
//
// A page path is taken relative to the public URL's path, so a site served
// from https://example.com/news/ writes /news/uk/story to uk/story/index.html.
//
// # Incremental builds
//
// The build keeps a manifest in Out (ManifestName, or one per shard): JSON
// Lines, one line per article in id order and one for the listings, so a
// build reads the old manifest and writes the new one as it goes, never
// holding either. Each output group is keyed by a SHA-256 of everything
// that shapes it: for an article's files, the article with its inherited
// site (site.ArticleDigest), the stories its ticker shows, the options
// (the card theme too), Options.Version and the program itself
// (Options.Engine, by default a hash of the running executable, which
// embeds the templates and fonts); for the listings, the collection's
// version. A rebuild with nothing changed renders nothing and writes
// nothing; a changed article rewrites its own files plus the listings
// (and, when it is a breaking story, the pages whose ticker shows it).
// Files the old manifest lists and the new one does not (a deleted
// article, an old card hash) are removed as the build reaches them.
//
// # Interrupted builds
//
// Every file is written to a temporary file beside it (".NAME.tmp") and
// renamed over the target, so an interrupted build leaves each file
// either old or new, never half written. A build that is cancelled
// writes the manifest of what it finished (keeping the old entries of the
// rest), so a rebuild redoes only what it did not finish. Against a build
// killed outright (kill -9, a crash), the build keeps a journal beside
// the manifest: before writing files the old manifest does not list, it
// appends their names. A finished or cancelled build removes the journal;
// the next build after a killed one first removes every file the journal
// names, and their temporary files, so no stray file (a card under a hash
// no manifest knows, the page of an article deleted since) outlives it.
//
// Files are not synced to the disk (no fsync): a build is safe against
// being killed, which is what the temporary files and the journal are
// for, not against the machine losing power, after which a file renamed
// into place may be empty. Rebuild after a power loss with a new
// Options.Version (or a fresh output folder) to rewrite everything.
//
// # Sharding
//
// Options.Shard and Options.Shards split the articles over machines: shard
// I of N builds the articles whose id hashes (FNV-1a) to I modulo N, and
// shard 0 also builds the listings. Each shard keeps its own manifest, so
// all shards may write into one shared folder or into their own.
//
// # Concurrency and memory
//
// Options.Jobs articles are rendered at once, alongside the listings.
// Articles flow through a bounded window in id order; each response is
// written straight to its file as the handler answers it, and the
// handler caches nothing. Memory is the collection's (for a large
// archive only its entries: see package site's Options.MaxResident) plus
// a bounded amount of work in flight, whatever the archive's size.
//
// # Security
//
// Articles are untrusted: they are validated when loaded (package site)
// and rendered by package serve, which sanitises them. Output paths come
// from ids (site.ValidID: no slashes, no leading dot) and canonical URL
// paths, which are cleaned and must stay inside Out; an article whose path
// would escape it, or collide with another output, is an error naming it.
package build
