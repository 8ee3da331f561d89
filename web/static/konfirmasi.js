/* docgen: forms with data-konfirmasi="question" ask before they are sent (no inline handlers: the CSP forbids them). */
(function () {
  "use strict";
  document.addEventListener("submit", function (e) {
    var f = e.target;
    var tanya = f && f.getAttribute && f.getAttribute("data-konfirmasi");
    if (tanya && !window.confirm(tanya)) { e.preventDefault(); }
  }, true);
})();
