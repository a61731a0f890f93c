// ふりがな on/off. Without JavaScript ruby always shows; with it, the reader's
// choice is remembered. Loaded in <head> so the class applies before first paint.
// The same early moment marks the page: `js` (elements that need scripts show) and,
// on /search/?q=…, `search-pending` (the results' space is kept from the first
// paint, so nothing shifts when they replace the 五十音 list).
(function () {
  var KEY = "kyoten-furigana";
  var root = document.documentElement;
  root.classList.add("js");
  if (/\/search\/$/.test(window.location.pathname) && /(^|[?&])q=[^&]/.test(window.location.search)) {
    root.classList.add("search-pending");
  }
  var stored = null;
  try { stored = window.localStorage.getItem(KEY); } catch (e) { stored = null; }
  if (stored === "off") root.classList.add("no-ruby");

  function sync(button) {
    var on = !root.classList.contains("no-ruby");
    button.setAttribute("aria-pressed", on ? "true" : "false");
    var state = button.querySelector(".state");
    if (state) state.textContent = on ? "あり" : "なし";
  }

  document.addEventListener("DOMContentLoaded", function () {
    var button = document.getElementById("furigana-toggle");
    // Only a page with ふりがな has something to switch.
    if (!button || !document.querySelector("ruby")) return;
    button.hidden = false;
    sync(button);
    button.addEventListener("click", function () {
      var off = root.classList.toggle("no-ruby");
      try { window.localStorage.setItem(KEY, off ? "off" : "on"); } catch (e) { /* private mode */ }
      sync(button);
    });
  });
})();
