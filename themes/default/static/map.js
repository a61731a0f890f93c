// 拠点マップ enhancer (progressive): pan and zoom for every server-rendered map,
// an optional tile layer, and on /map/ filtering in place with the state in the URL.
// Without this script every map, list and filter still works.
(function () {
  "use strict";

  var FACETS = { function: "functions", service: "services", accepts: "accepts", place: "place", m: "m" };

  function svgEl(name, attrs) {
    var el = document.createElementNS("http://www.w3.org/2000/svg", name);
    Object.keys(attrs).forEach(function (k) { el.setAttribute(k, attrs[k]); });
    return el;
  }

  // ---- pan and zoom -------------------------------------------------------
  function enhanceMap(fig) {
    var svg = fig.querySelector("svg");
    if (!svg) return;
    var W = parseFloat(fig.dataset.width), H = parseFloat(fig.dataset.height);
    var view = { x: 0, y: 0, w: W, h: H };
    var tiles = fig.dataset.tiles ? setupTiles(fig, svg) : null;

    function clamp() {
      view.w = Math.min(W, Math.max(W / 64, view.w));
      view.h = view.w * H / W;
      view.x = Math.min(W - view.w * 0.25, Math.max(-view.w * 0.75, view.x));
      view.y = Math.min(H - view.h * 0.25, Math.max(-view.h * 0.75, view.y));
    }
    function render() {
      clamp();
      svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].map(function (v) { return v.toFixed(2); }).join(" "));
      // Markers keep at least their drawn size on screen (about 22 px), however the map is scaled.
      var shown = svg.getBoundingClientRect().width || W;
      var k = Math.max(view.w / W, view.w / shown);
      svg.querySelectorAll(".marker").forEach(function (m) {
        var c = m.querySelector("circle, path");
        var x = parseFloat(m.dataset.x), y = parseFloat(m.dataset.y);
        if (isNaN(x)) return;
        m.setAttribute("transform", "translate(" + x + " " + y + ") scale(" + k + ") translate(" + -x + " " + -y + ")");
        if (c) c.setAttribute("vector-effect", "non-scaling-stroke");
      });
      svg.querySelectorAll(".area").forEach(function (a) { a.setAttribute("vector-effect", "non-scaling-stroke"); });
      if (tiles) tiles(view, W);
    }
    function zoom(factor, cx, cy) {
      if (cx === undefined) { cx = view.x + view.w / 2; cy = view.y + view.h / 2; }
      var nw = view.w / factor;
      view.x = cx - (cx - view.x) * (nw / view.w);
      view.y = cy - (cy - view.y) * (nw / view.w);
      view.w = nw;
      render();
    }
    function pan(dx, dy) { view.x += dx * view.w; view.y += dy * view.h; render(); }
    function reset() { view = { x: 0, y: 0, w: W, h: H }; render(); }
    function toSvg(evt) {
      var r = svg.getBoundingClientRect();
      return { x: view.x + (evt.clientX - r.left) / r.width * view.w, y: view.y + (evt.clientY - r.top) / r.height * view.h };
    }

    // Marker centres for constant-size markers.
    svg.querySelectorAll(".marker").forEach(function (m) {
      var c = m.querySelector("circle");
      var t = m.querySelector("text");
      if (c) { m.dataset.x = c.getAttribute("cx"); m.dataset.y = c.getAttribute("cy"); }
      else if (t) { m.dataset.x = t.getAttribute("x"); m.dataset.y = t.getAttribute("y"); }
      else {
        var d = (m.querySelector("path") || { getAttribute: function () { return ""; } }).getAttribute("d");
        var mm = /^M([\d.]+) ([\d.]+)/.exec(d || "");
        if (mm) { m.dataset.x = mm[1]; m.dataset.y = mm[2]; }
      }
      // Keep a focused marker in view.
      m.addEventListener("focus", function () {
        var x = parseFloat(m.dataset.x), y = parseFloat(m.dataset.y);
        if (x < view.x || x > view.x + view.w || y < view.y || y > view.y + view.h) {
          view.x = x - view.w / 2; view.y = y - view.h / 2; render();
        }
      });
    });

    var bar = document.createElement("div");
    bar.className = "map-zoom";
    [["＋", "地図を拡大", function () { zoom(1.6); }],
     ["－", "地図を縮小", function () { zoom(1 / 1.6); }],
     ["全体表示", "全体表示（地図を最初の表示に戻す）", reset]].forEach(function (b) {
      var btn = document.createElement("button");
      btn.type = "button"; btn.textContent = b[0]; btn.setAttribute("aria-label", b[1]);
      btn.addEventListener("click", b[2]);
      bar.appendChild(btn);
    });
    var help = document.createElement("p");
    help.className = "map-help";
    help.textContent = "＋－で拡大・縮小、ドラッグで移動。地図の中で矢印キーで移動、＋－キーで拡大・縮小できます。";
    fig.insertBefore(bar, fig.firstChild);
    fig.appendChild(help);

    fig.addEventListener("keydown", function (e) {
      var k = e.key, step = 0.15;
      if (k === "+" || k === "=") zoom(1.6);
      else if (k === "-" || k === "_") zoom(1 / 1.6);
      else if (k === "0") reset();
      else if (k === "ArrowLeft") pan(-step, 0);
      else if (k === "ArrowRight") pan(step, 0);
      else if (k === "ArrowUp") pan(0, -step);
      else if (k === "ArrowDown") pan(0, step);
      else return;
      e.preventDefault();
    });
    svg.addEventListener("wheel", function (e) {
      if (!e.ctrlKey && !e.metaKey && view.w === W) return; // let the page scroll until the map is zoomed
      e.preventDefault();
      var p = toSvg(e);
      zoom(e.deltaY < 0 ? 1.25 : 0.8, p.x, p.y);
    }, { passive: false });

    // Drag with mouse or pen; pinch with two fingers.
    var pointers = {}, last = null, dragged = false;
    svg.addEventListener("pointerdown", function (e) {
      pointers[e.pointerId] = { x: e.clientX, y: e.clientY };
      last = null; dragged = false;
    });
    svg.addEventListener("pointermove", function (e) {
      if (!pointers[e.pointerId]) return;
      var ids = Object.keys(pointers);
      var r = svg.getBoundingClientRect();
      if (ids.length === 1 && e.pointerType !== "touch") {
        var p = pointers[e.pointerId];
        var dx = e.clientX - p.x, dy = e.clientY - p.y;
        if (Math.abs(dx) + Math.abs(dy) > 3) dragged = true;
        view.x -= dx / r.width * view.w; view.y -= dy / r.height * view.h;
        render();
      } else if (ids.length === 2) {
        pointers[e.pointerId] = { x: e.clientX, y: e.clientY };
        var a = pointers[ids[0]], b = pointers[ids[1]];
        var dist = Math.hypot(a.x - b.x, a.y - b.y);
        if (last) zoom(dist / last, view.x + ((a.x + b.x) / 2 - r.left) / r.width * view.w, view.y + ((a.y + b.y) / 2 - r.top) / r.height * view.h);
        last = dist; dragged = true;
        e.preventDefault();
        return;
      }
      pointers[e.pointerId] = { x: e.clientX, y: e.clientY };
    });
    ["pointerup", "pointercancel", "pointerleave"].forEach(function (t) {
      svg.addEventListener(t, function (e) { delete pointers[e.pointerId]; last = null; });
    });
    // A drag must not follow the link under the pointer.
    svg.addEventListener("click", function (e) { if (dragged) { e.preventDefault(); e.stopPropagation(); dragged = false; } }, true);
    setupPopups(fig, svg);
    window.addEventListener("resize", render);
    render();
  }

  // ---- marker popups: the list entry of a marker, shown beside it ------------
  function setupPopups(fig, svg) {
    var popup = null, opener = null;
    function close(returnFocus) {
      if (!popup) return;
      popup.remove();
      popup = null;
      if (returnFocus && opener) opener.focus();
    }
    svg.querySelectorAll(".marker").forEach(function (m) {
      var href = m.getAttribute("href") || "";
      if (href.charAt(0) !== "#") return;
      m.addEventListener("click", function (e) {
        var item = document.getElementById(href.slice(1));
        if (!item) return;
        e.preventDefault();
        close(false);
        opener = m;
        popup = document.createElement("div");
        popup.className = "map-popup";
        popup.setAttribute("role", "dialog");
        popup.setAttribute("aria-label", (m.getAttribute("aria-label") || "").replace(/^\d+\.\s*/, ""));
        var body = item.cloneNode(true);
        body.removeAttribute("id");
        body.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
        var wrap = document.createElement("div");
        wrap.className = "map-popup-body";
        while (body.firstChild) wrap.appendChild(body.firstChild);
        var btn = document.createElement("button");
        btn.type = "button"; btn.className = "map-popup-close"; btn.textContent = "閉じる";
        btn.addEventListener("click", function () { close(true); });
        popup.appendChild(wrap);
        popup.appendChild(btn);
        fig.appendChild(popup);
        var fr = fig.getBoundingClientRect(), mr = m.getBoundingClientRect();
        var left = Math.max(0, Math.min(fr.width - popup.offsetWidth, mr.left - fr.left - popup.offsetWidth / 2 + mr.width / 2));
        popup.setAttribute("data-left", left.toFixed(0));
        popup.style.setProperty("left", left + "px");
        popup.style.setProperty("top", (mr.bottom - fr.top + 6) + "px");
        var first = popup.querySelector("a, button");
        if (first) first.focus();
      });
    });
    fig.addEventListener("keydown", function (e) { if (e.key === "Escape" && popup) { e.preventDefault(); close(true); } }, true);
    document.addEventListener("click", function (e) { if (popup && !popup.contains(e.target) && !(opener && opener.contains(e.target))) close(false); });
  }

  // ---- optional raster tiles (Web Mercator, aligned with the SVG) ----------
  function setupTiles(fig, svg) {
    var url = fig.dataset.tiles;
    var z0 = parseFloat(fig.dataset.zoom), ox = parseFloat(fig.dataset.ox), oy = parseFloat(fig.dataset.oy);
    var scale = 256 * Math.pow(2, z0);
    var layer = svgEl("g", { "class": "map-tiles", "aria-hidden": "true" });
    svg.insertBefore(layer, svg.querySelector(".map-areas"));
    var credit = fig.querySelector(".tile-credit");
    var failed = 0;
    return function (view, W) {
      var z = Math.max(2, Math.min(18, Math.round(z0 + Math.log2(W / view.w))));
      var n = Math.pow(2, z), size = scale / n;
      var x0 = Math.floor((ox + view.x / scale) * n), x1 = Math.floor((ox + (view.x + view.w) / scale) * n);
      var y0 = Math.floor((oy + view.y / scale) * n), y1 = Math.floor((oy + (view.y + view.h) / scale) * n);
      if ((x1 - x0 + 1) * (y1 - y0 + 1) > 64) return;
      while (layer.firstChild) layer.removeChild(layer.firstChild);
      for (var tx = x0; tx <= x1; tx++) {
        for (var ty = y0; ty <= y1; ty++) {
          var img = svgEl("image", {
            href: url.replace("{z}", z).replace("{x}", tx).replace("{y}", ty),
            x: (tx / n - ox) * scale, y: (ty / n - oy) * scale, width: size + 0.5, height: size + 0.5
          });
          img.addEventListener("error", function () { failed++; this.remove(); if (failed > 8) fig.classList.remove("has-tiles"); });
          layer.appendChild(img);
        }
      }
      fig.classList.add("has-tiles");
      if (credit) credit.hidden = false;
    };
  }

  // ---- filters on the 拠点マップ --------------------------------------------
  function matches(el, state) {
    return Object.keys(FACETS).every(function (f) {
      var want = state[f];
      if (!want) return true;
      var have = el.getAttribute("data-" + FACETS[f]) || "";
      return (" " + have + " ").indexOf(" " + want + " ") >= 0;
    });
  }
  function readState() {
    var params = new URLSearchParams(window.location.search), state = {};
    Object.keys(FACETS).forEach(function (f) { state[f] = params.get(f) || ""; });
    return state;
  }
  function writeState(state, push) {
    var params = new URLSearchParams();
    Object.keys(FACETS).forEach(function (f) { if (state[f]) params.set(f, state[f]); });
    var q = params.toString();
    var url = window.location.pathname + (q ? "?" + q : "");
    if (push) window.history.pushState(state, "", url); else window.history.replaceState(state, "", url);
  }
  function applyFilter(state, form, count) {
    var shown = 0;
    document.querySelectorAll(".map-item").forEach(function (li) {
      var ok = matches(li, state);
      li.hidden = !ok;
      if (ok) shown++;
    });
    document.querySelectorAll(".map-group").forEach(function (g) {
      g.hidden = !g.querySelector(".map-item:not([hidden])");
      g.querySelectorAll("h4").forEach(function (h) {
        var list = h.nextElementSibling;
        h.hidden = !!list && !list.querySelector(".map-item:not([hidden])");
      });
    });
    document.querySelectorAll("#map-providers .marker").forEach(function (m) {
      m.setAttribute("display", matches(m, state) ? "inline" : "none");
    });
    Object.keys(FACETS).forEach(function (f) {
      var sel = form.querySelector("select[name=" + f + "]");
      if (sel) sel.value = state[f];
    });
    count.textContent = shown + " か所";
  }

  function enhanceFilters() {
    var form = document.getElementById("map-filter");
    var count = document.getElementById("map-count");
    var page = document.querySelector("[data-map-page]");
    if (!form || !count || !page || page.getAttribute("data-map-page") !== "all") return;
    form.hidden = false;
    form.addEventListener("change", function () {
      var state = {};
      Object.keys(FACETS).forEach(function (f) { var s = form.querySelector("select[name=" + f + "]"); state[f] = s ? s.value : ""; });
      writeState(state, false);
      applyFilter(state, form, count);
    });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    document.querySelectorAll("#map-filter-links a[data-facet]").forEach(function (a) {
      a.addEventListener("click", function (e) {
        if (e.ctrlKey || e.metaKey || e.shiftKey) return;
        e.preventDefault();
        var state = {};
        state[a.dataset.facet] = a.dataset.key;
        writeState(state, true);
        applyFilter(readState(), form, count);
        count.focus();
      });
    });
    window.addEventListener("popstate", function () { applyFilter(readState(), form, count); });
    applyFilter(readState(), form, count);
  }

  function init() {
    document.querySelectorAll("figure.map").forEach(enhanceMap);
    enhanceFilters();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
