package serve

// SetSitemapLimits makes h split its sitemap into files of at most urls
// URLs and bytes bytes (zero: feed's limits), so tests split small sites.
func SetSitemapLimits(h *Handler, urls, bytes int) {
	h.sitemapURLs, h.sitemapBytes = urls, bytes
}
