/* docgen: poll a background job (its status URL in data-url) and move to its result when it is done. */
(function () {
  "use strict";
  var kotak = document.getElementById("tugas");
  if (!kotak) { return; }
  var url = kotak.getAttribute("data-url");
  var bar = kotak.querySelector(".progres");
  var isi = bar.querySelector("div");
  var pesan = kotak.querySelector(".dk-tugas-pesan");
  var galat = kotak.querySelector(".pesan.galat");
  var kembali = kotak.querySelector("[data-gagal]");
  var gagalJaringan = 0;

  function tampil(s) {
    isi.style.width = s.persen + "%";
    bar.setAttribute("aria-valuenow", String(s.persen));
    pesan.textContent = s.pesan + " (" + s.persen + "%)";
  }

  function gagal(teks) {
    var batal = kotak.querySelector("[data-batal]");
    if (batal) { batal.hidden = true; }
    galat.textContent = teks;
    galat.hidden = false;
    kembali.hidden = false;
  }

  function tanya() {
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.json().then(function (j) { return { ok: r.ok, j: j }; }); })
      .then(function (h) {
        gagalJaringan = 0;
        if (!h.ok) { gagal(h.j.error || "Tugas tidak ditemukan."); return; }
        var s = h.j;
        tampil(s);
        if (s.status === "selesai" && s.url) {
          window.location.assign(s.url);
        } else if (s.status === "dibatalkan") {
          gagal(s.pesan);
        } else if (s.status === "gagal") {
          var baris = Object.keys(s.fields || {}).map(function (k) { return (k ? k + ": " : "") + s.fields[k]; });
          gagal(s.pesan + (baris.length ? " " + baris.join("; ") : ""));
        } else {
          window.setTimeout(tanya, 1000);
        }
      })
      .catch(function () {  /* network hiccup or a non-JSON answer: retry a few times */
        gagalJaringan += 1;
        if (gagalJaringan < 5) { window.setTimeout(tanya, 2000); return; }
        gagal("Status penyusunan tidak dapat dibaca. Periksa riwayat dokumen beberapa saat lagi.");
      });
  }
  tanya();
})();
