// Installed in every frame before any page script runs. Every way a
// payload proves execution (alert, confirm, prompt, print, __xssMarker)
// reports through the __xssHit binding; the functions cannot be replaced.
(() => {
  const report = window.__xssHit;
  const stringify = JSON.stringify;
  const hit = (kind, detail) => {
    try {
      report(stringify({ kind: kind, detail: String(detail), url: String(document.URL) }));
    } catch (e) { /* the binding is gone: the dialog backstop still sees it */ }
  };
  for (const name of ["alert", "confirm", "prompt", "print", "__xssMarker"]) {
    Object.defineProperty(window, name, {
      value: function (x) { hit(name, x); },
      writable: false,
      configurable: false,
    });
  }
})();
