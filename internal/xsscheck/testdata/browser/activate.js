// Pokes what a reader could trigger inside the body: fires the event of
// every inline handler and follows every javascript:/vbscript: link or form.
(() => {
  const root = Document.prototype.getElementById.call(document, "__body") || document.body;
  if (!root) return 0;
  const all = Element.prototype.querySelectorAll.call(root, "*");
  let poked = 0;
  const scriptURL = (v) => /^\s*(javascript|vbscript):/i.test(String(v).replace(/[\t\n\r]/g, ""));
  for (const el of all) {
    for (const a of Array.from(Element.prototype.getAttributeNames.call(el))) {
      if (/^on/i.test(a)) {
        try { EventTarget.prototype.dispatchEvent.call(el, new Event(a.slice(2).toLowerCase())); poked++; } catch (e) {}
      }
    }
    const tag = el.localName;
    const href = Element.prototype.getAttribute.call(el, "href") || Element.prototype.getAttributeNS.call(el, "http://www.w3.org/1999/xlink", "href");
    if ((tag === "a" || tag === "area") && href && scriptURL(href)) {
      try { HTMLElement.prototype.click.call(el); poked++; } catch (e) {}
    }
    if (tag === "form" && scriptURL(Element.prototype.getAttribute.call(el, "action") || "")) {
      try { HTMLFormElement.prototype.submit.call(el); poked++; } catch (e) {}
    }
  }
  return poked;
})()
