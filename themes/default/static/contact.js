// Marks the contact that answers now (Japan time) on a municipality page. Without
// this script every contact shows its hours and nothing is lost. The hours come
// from each contact's data-hours (windows of minutes on kinds of day), the 祝日 from
// the box's data-holidays, the words from the box's data-now / data-closed.
(function () {
  "use strict";
  var box = document.getElementById("contact");
  if (!box || !window.Intl || !Intl.DateTimeFormat.prototype.formatToParts) return;
  var holidays = {};
  (box.getAttribute("data-holidays") || "").split(";").forEach(function (year) {
    var p = year.split(":");
    if (p.length === 2) p[1].split(",").forEach(function (md) { holidays[p[0] + md] = true; });
  });
  var format = new Intl.DateTimeFormat("en-US", {
    timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit",
    hour: "2-digit", minute: "2-digit", hourCycle: "h23", weekday: "short"
  });
  function parts(date) {
    var o = {};
    format.formatToParts(date).forEach(function (p) { o[p.type] = p.value; });
    return o;
  }
  // 祝日 and 年末年始 (12/29–1/3) first, as municipal offices close on them.
  function kind(o) {
    var m = +o.month, d = +o.day;
    if (holidays[o.year + o.month + o.day] || (m === 12 && d >= 29) || (m === 1 && d <= 3)) return "holidays";
    if (o.weekday === "Sat") return "saturdays";
    if (o.weekday === "Sun") return "sundays";
    return "weekdays";
  }
  var now = new Date();
  var t = parts(now);
  var today = kind(t);
  var yesterday = kind(parts(new Date(now.getTime() - 86400000)));
  var minute = (+t.hour % 24) * 60 + (+t.minute);
  function answers(windows) {
    return windows.some(function (w) {
      var overnight = w.t <= w.f;
      if (w.d.indexOf(today) >= 0 && minute >= w.f && (overnight || minute < w.t)) return true;
      return overnight && w.d.indexOf(yesterday) >= 0 && minute < w.t;
    });
  }
  var words = { yes: box.getAttribute("data-now"), no: box.getAttribute("data-closed") };
  Array.prototype.forEach.call(box.querySelectorAll("[data-hours]"), function (el) {
    var windows;
    try { windows = JSON.parse(el.getAttribute("data-hours")); } catch (e) { return; }
    var yes = answers(windows);
    el.classList.add(yes ? "answers-now" : "closed-now");
    var state = el.querySelector(".now-state");
    if (state) {
      state.textContent = yes ? words.yes : words.no;
      state.hidden = false;
    }
    if (yes) {
      Array.prototype.forEach.call(el.querySelectorAll("a.tel-plain"), function (a) { a.classList.remove("tel-plain"); });
    }
  });
})();
