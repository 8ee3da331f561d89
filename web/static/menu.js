/* docgen: on a narrow screen the top menu folds behind the "Menu" button (app.css); without this script the menu
   simply stays open. Loaded in <head> so the folded state applies before the page is drawn. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  document.addEventListener("click", function (e) {
    var tombol = e.target instanceof Element ? e.target.closest(".menu-tombol") : null;
    if (!tombol) { return; }
    var atas = tombol.closest(".atas");
    var buka = !atas.classList.contains("terbuka");
    atas.classList.toggle("terbuka", buka);
    tombol.setAttribute("aria-expanded", buka ? "true" : "false");
  });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") { return; }
    var atas = document.querySelector(".atas.terbuka");
    if (!atas) { return; }
    atas.classList.remove("terbuka");
    var tombol = atas.querySelector(".menu-tombol");
    tombol.setAttribute("aria-expanded", "false");
    tombol.focus();
  });
})();
