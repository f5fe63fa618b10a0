// The site's Content-Security-Policy allows no eval and no javascript: URLs; Sphinx's own
// scripts use each once. Loaded after doctools.js and before translations.js.
(() => {
  "use strict";
  // doctools.js compiles a catalog's plural expression with new Function(). The site's
  // languages use the Germanic rule; anything else falls back to it too.
  const germanic = (n) => (n === 1 ? 0 : 1);
  // doctools.js declares Documentation with const: a global binding, not a window property.
  if (typeof Documentation !== "undefined") {
    Documentation.addTranslations = (catalog) => {
      Object.assign(Documentation.TRANSLATIONS, catalog.messages);
      Documentation.PLURAL_EXPR = germanic;
      Documentation.LOCALE = catalog.locale;
    };
  }
  // sphinx_highlight.js writes its "Hide Search Matches" link with a javascript: URL.
  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest(".highlight-link a");
    if (link && typeof SphinxHighlight !== "undefined") {
      event.preventDefault();
      SphinxHighlight.hideSearchWords();
    }
  });
})();
