/* docgen: the "Mulai siklus" form shows only the periods the chosen SOP runs for, and the month or quarter
   choice that belongs to the chosen period. The server checks the same rules. */
(function () {
  "use strict";
  var sop = document.getElementById("sop");
  var jenis = document.getElementById("periode_jenis");
  if (!sop || !jenis) { return; }

  function perbarui() {
    var pilih = sop.options[sop.selectedIndex];
    var boleh = (pilih && pilih.getAttribute("data-periode") || "bulan triwulan tahun").split(" ");
    Array.prototype.forEach.call(jenis.options, function (o) { o.hidden = boleh.indexOf(o.value) < 0; });
    if (boleh.indexOf(jenis.value) < 0) { jenis.value = boleh[0]; }
    document.querySelectorAll("[data-periode-untuk]").forEach(function (el) {
      el.hidden = el.getAttribute("data-periode-untuk") !== jenis.value;
    });
  }

  sop.addEventListener("change", perbarui);
  jenis.addEventListener("change", perbarui);
  perbarui();
})();
