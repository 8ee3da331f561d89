/* docgen: repeatable rows (Tambah/Hapus) and filling from the agency's officials or number series for forms drawn from a JSON Schema.
   Names are JSON paths; a template row holds an index placeholder (__i0__, __i1__ ... by depth) and a shown
   number (__n0__ ...). The server renumbers rows on submit, so gaps left by Hapus do not matter. */
(function () {
  "use strict";

  function gantiSemua(teks, cari, ganti) {
    return teks.split(cari).join(ganti);
  }

  function tambah(daftar) {
    var templat = daftar.querySelector(":scope > template");
    var wadah = daftar.querySelector(":scope > .dk-baris-baris");
    if (!templat || !wadah) { return; }
    var berikut = parseInt(daftar.getAttribute("data-berikut") || "0", 10);
    var html = gantiSemua(templat.innerHTML, daftar.getAttribute("data-tanda"), String(berikut));
    html = gantiSemua(html, daftar.getAttribute("data-nomor"), String(wadah.children.length + 1));
    daftar.setAttribute("data-berikut", String(berikut + 1));
    var sementara = document.createElement("div");
    sementara.innerHTML = html.trim();
    var baris = sementara.firstElementChild;
    wadah.appendChild(baris);
    var pertama = baris.querySelector("input:not([type=hidden]), textarea, select");
    if (pertama) { pertama.focus(); }
  }

  // A select whose option values are JSON objects fills the fields under its prefix: an official (jabatan, nama,
  // NIP ...; fields the official lacks are emptied, see data-kosongkan) or a number series (pattern and codes).
  function isiDari(pilih) {
    if (!pilih.value) { return; }
    var data;
    try { data = JSON.parse(pilih.value); } catch (e) { return; }
    var awalan = pilih.getAttribute("data-awalan");
    var formulir = pilih.form;
    Object.keys(data).forEach(function (kunci) {
      var el = formulir.elements.namedItem(awalan + "." + kunci);
      if (el && "value" in el) { el.value = data[kunci] == null ? "" : String(data[kunci]); }
    });
    (pilih.getAttribute("data-kosongkan") || "").split(" ").forEach(function (kunci) {
      if (kunci && !(kunci in data)) {
        var el = formulir.elements.namedItem(awalan + "." + kunci);
        if (el && "value" in el) { el.value = ""; }
      }
    });
  }

  document.addEventListener("click", function (e) {
    var t = e.target;
    if (!(t instanceof Element)) { return; }
    if (t.matches("[data-tambah]")) {
      e.preventDefault();
      tambah(t.closest(".dk-daftar"));
    } else if (t.matches("[data-hapus]")) {
      e.preventDefault();
      var baris = t.closest(".dk-baris");
      var daftar = baris && baris.closest(".dk-daftar");
      if (baris) { baris.remove(); }
      var tombol = daftar && daftar.querySelector(":scope > [data-tambah]");
      if (tombol) { tombol.focus(); }
    }
  });

  document.addEventListener("change", function (e) {
    if (e.target instanceof Element && e.target.matches(".dk-pilih-isi")) { isiDari(e.target); }
  });

  var ringkasan = document.getElementById("ringkasan-galat");
  if (ringkasan) { ringkasan.focus(); }
})();
