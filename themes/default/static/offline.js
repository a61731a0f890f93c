// Registers the service worker (/sw.js) that keeps pages for use without a network,
// and, on a page served from that cache, says when it was saved. The words are the
// page's own (data-text on the .offline-saved element).
(function () {
  "use strict";
  var me = document.currentScript;
  var sw = me && me.getAttribute("data-sw");
  if (sw && "serviceWorker" in navigator) {
    window.addEventListener("load", function () {
      navigator.serviceWorker.register(sw).catch(function () { /* not allowed here: pages work as before */ });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    var note = document.querySelector(".offline-saved[data-saved]");
    var saved = note && Number(note.getAttribute("data-saved"));
    if (!saved) return;
    var d = new Date(saved);
    var when = (d.getMonth() + 1) + "月" + d.getDate() + "日 " + d.getHours() + ":" + String(d.getMinutes()).padStart(2, "0");
    note.textContent = note.getAttribute("data-text").replace("{date}", when);
    note.hidden = false;
  });
})();
