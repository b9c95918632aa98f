// The document page: the span named in the URL's #fragment is highlighted (all its pieces, where
// other spans cut it) and scrolled into view.
"use strict";
(function () {
  function focus() {
    for (const old of document.querySelectorAll("mark.target")) old.classList.remove("target");
    const key = decodeURIComponent(location.hash.slice(1));
    if (!key) return;
    const pieces = Array.from(document.querySelectorAll("mark[data-spans]"))
      .filter(m => m.dataset.spans.split(" ").indexOf(key) >= 0);
    for (const m of pieces) m.classList.add("target");
    if (pieces.length) pieces[0].scrollIntoView({block: "center"});
    document.body.dataset.target = pieces.length ? key : "";
  }
  window.addEventListener("hashchange", focus);
  focus();
})();
