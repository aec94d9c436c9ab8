/* DataTable's paging buttons are icons without names; give them names screen readers announce. */
(function () {
  var NAMES = {
    ja: {"first-page": "最初のページ", "previous-page": "前のページ", "next-page": "次のページ",
         "last-page": "最後のページ"},
    en: {"first-page": "First page", "previous-page": "Previous page", "next-page": "Next page",
         "last-page": "Last page"}
  };
  function label() {
    var names = NAMES[document.documentElement.lang] || NAMES.ja;
    Object.keys(names).forEach(function (cls) {
      document.querySelectorAll(".previous-next-container button." + cls).forEach(function (b) {
        if (b.getAttribute("aria-label") !== names[cls]) { b.setAttribute("aria-label", names[cls]); }
      });
    });
  }
  new MutationObserver(label).observe(document.documentElement, {childList: true, subtree: true});
})();
