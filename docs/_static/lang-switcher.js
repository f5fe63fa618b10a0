// Heading ids come from the English source in both languages, so the switcher can keep
// the reader's place on the page: carry the current #fragment over to the other language.
document.addEventListener("click", (event) => {
  const link = event.target.closest && event.target.closest("a.lang-switcher-link");
  if (link && window.location.hash) {
    link.href = link.href.split("#")[0] + window.location.hash;
  }
});
