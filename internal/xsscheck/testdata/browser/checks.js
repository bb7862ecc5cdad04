// DOM oracle, run after load: returns a list of findings, each
// "latent: …" (script that would run if poked) or "integrity: …" (the
// page around the body changed). Uses prototype methods only, so a body
// that clobbers document or window properties cannot blind it.
(() => {
  const P = [];
  const byId = (id) => Document.prototype.getElementById.call(document, id);
  const parentOf = (id) => { const n = byId(id); return n ? n.parentElement : null; };
  const expect = [["__body", "__article"], ["__share", "__article"], ["__nl", "__article"],
                  ["__article", "__main"], ["__foot", "__main"], ["__sharelink", "__share"], ["__email", "__nl"]];
  for (const [id, parent] of expect) {
    const p = parentOf(id);
    if (!p || p !== byId(parent)) P.push("integrity: #" + id + " is not a child of #" + parent);
  }
  const body = byId("__body");
  if (body && body.nextElementSibling !== byId("__share")) P.push("integrity: something between body and share bar");
  if (window.__tailRan !== true) P.push("integrity: the page's last script did not run");
  const cfg = window.siteConfig;
  if (!cfg || cfg.ok !== true) P.push("integrity: window.siteConfig clobbered");
  if (!Array.isArray(window.dataLayer)) P.push("integrity: window.dataLayer clobbered");
  const email = byId("__email");
  if (email && email.form !== byId("__nl")) P.push("integrity: newsletter input re-associated");
  if (Document.prototype.querySelectorAll.call(document, "base, meta[http-equiv]").length) P.push("integrity: base or meta http-equiv in page");
  const scriptURL = (v) => /^(javascript|vbscript|data):/i.test(String(v).trim().replace(/[\t\n\r]/g, ""));
  if (body) {
    for (const el of Element.prototype.querySelectorAll.call(body, "*")) {
      const tag = el.localName;
      if (tag === "script") P.push("latent: script element");
      if (el.namespaceURI !== "http://www.w3.org/1999/xhtml") P.push("latent: foreign element " + tag);
      if (tag === "iframe" || tag === "frame" || tag === "embed" || tag === "object") {
        const src = Element.prototype.getAttribute.call(el, "src") || Element.prototype.getAttribute.call(el, "data") || "";
        if (!/^https:\/\/(www\.youtube-nocookie\.com\/embed\/|player\.vimeo\.com\/video\/)/.test(src)) P.push("latent: " + tag + " " + src);
        if (Element.prototype.hasAttribute.call(el, "srcdoc")) P.push("latent: srcdoc");
      }
      for (const a of Array.from(Element.prototype.getAttributeNames.call(el))) {
        const v = Element.prototype.getAttribute.call(el, a);
        if (/^on/i.test(a)) P.push("latent: handler " + a + " on " + tag);
        if (/^(href|src|action|formaction|data|poster|xlink:href)$/i.test(a) && scriptURL(v)) P.push("latent: " + a + "=" + v);
        if (/^(id|name)$/i.test(a) && !String(v).startsWith("user-content-")) P.push("integrity: " + a + "=" + v + " not prefixed");
        if (/^(style|form)$/i.test(a)) P.push("integrity: " + a + " attribute");
      }
    }
  }
  if (document.URL !== window.__pageURL) P.push("integrity: navigated to " + document.URL);
  return P;
})()
