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
// The build keeps a manifest in Out (ManifestName, or one per shard). Each
// output group is keyed by a SHA-256 of everything that shapes it: for an
// article's files, the article with its inherited site (site.ArticleDigest),
// the stories its ticker shows, the options, Options.Version and the
// program itself (Options.Engine, by default a hash of the running
// executable, which embeds the templates and fonts); for the listings,
// the collection's version. A rebuild with nothing changed renders nothing
// and writes nothing; a changed article rewrites its own files plus the
// listings (and, when it is a breaking story, the pages whose ticker shows
// it). Files the old manifest lists and the new one does not (a deleted
// article, an old card hash) are removed.
//
// Every file is written to a temporary file beside it and renamed over the
// target, so an interrupted build leaves each file either old or new,
// never half written. The manifest is written last (also when the build is
// cancelled, listing what was finished), so a rebuild redoes whatever an
// interrupted one did not finish.
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
// Options.Jobs articles are rendered at once. Each rendered response is
// written and dropped at once, and the handler caches nothing, so memory
// grows with the collection (the articles themselves), not with the output.
//
// # Security
//
// Articles are untrusted: they are validated when loaded (package site)
// and rendered by package serve, which sanitises them. Output paths come
// from ids (site.ValidID: no slashes, no leading dot) and canonical URL
// paths, which are cleaned and must stay inside Out; an article whose path
// would escape it, or collide with another output, is an error naming it.
package build
