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

  // ---- pan and zoom, clusters and names at every zoom ---------------------
  // Sizes on screen, CSS px: a symbol's radius, and a tap area's (44 px across
  // for a finger, 28 px for a mouse: WCAG 2.2 asks at least 24).
  var SYMBOL = 12.5;
  // Where a place name may stand: on its area's centre, below or above (as the server tries).
  var SHIFTS = ["0.35em", "2.55em", "-1.85em"];
  function tapRadius() {
    return window.matchMedia && window.matchMedia("(pointer: coarse)").matches ? 22 : 14;
  }

  // A cluster's radius in CSS px: room for its number (as maplayout.rs sizes it).
  function clusterRadius(n) { return Math.max(SYMBOL, 0.3 * 14 * String(n).length + 5); }

  function enhanceMap(fig) {
    var svg = fig.querySelector("svg");
    if (!svg) return;
    var W = parseFloat(fig.dataset.width), H = parseFloat(fig.dataset.height);
    // Map units per CSS px the server sized symbols for.
    var U = parseFloat(fig.dataset.unit) || W / 358;
    var view = { x: 0, y: 0, w: W, h: H };
    var tiles = fig.dataset.tiles ? setupTiles(fig, svg) : null;
    var layer = svg.querySelector(".map-markers");
    var labels = [].slice.call(svg.querySelectorAll(".map-labels text"));
    var focusAt = null; // the marker last focused or opened: ＋ zooms towards it

    // The server's clusters are for its first view only: map.js makes its own — except
    // where the page draws only the clusters (a municipality with more providers than
    // its page lists: they lead to the page that lists them).
    var fixed = !!fig.dataset.static;
    if (!fixed) svg.querySelectorAll(".marker.cluster").forEach(function (c) { c.remove(); });
    var markers = [].slice.call(svg.querySelectorAll(".marker"));
    markers.forEach(function (m) {
      m.classList.remove("clustered");
      var c = m.querySelector("circle");
      m._x = parseFloat(c.getAttribute("cx"));
      m._y = parseFloat(c.getAttribute("cy"));
      m._r = parseFloat(m.querySelector(".hit").getAttribute("r"));
      var symEl = m.querySelector(".sym");
      // The symbol's radius on screen in CSS px (the server drew it for U units per px).
      m._sym = symEl && symEl.getAttribute("r") ? parseFloat(symEl.getAttribute("r")) / U : SYMBOL;
      m._count = parseInt(m.dataset.count || "1", 10);
      m._name = m.dataset.name || (m.getAttribute("aria-label") || "").replace(/^\d+\.\s*/, "").split("：")[0];
      m.addEventListener("focus", function () { focusAt = m; });
      m.addEventListener("click", function () { focusAt = m; });
    });
    labels.forEach(function (t) {
      t._x = parseFloat(t.getAttribute("x"));
      t._y = parseFloat(t.getAttribute("y"));
    });

    function clamp() {
      view.w = Math.min(W, Math.max(W / 64, view.w));
      view.h = view.w * H / W;
      view.x = Math.min(W - view.w * 0.25, Math.max(-view.w * 0.75, view.x));
      view.y = Math.min(H - view.h * 0.25, Math.max(-view.h * 0.75, view.y));
    }
    function scaled(el, x, y, s) {
      el.setAttribute("transform", "translate(" + x + " " + y + ") scale(" + s + ") translate(" + -x + " " + -y + ")");
    }

    // Markers whose tap areas meet at this zoom become one cluster; names are
    // written where they clear every symbol and every name before them.
    function layout(k) {
      var tap = tapRadius() * k, s = k / U;
      layer.querySelectorAll(".js-cluster").forEach(function (c) { c.remove(); });
      var groups = [];
      markers.forEach(function (m) {
        m.classList.remove("clustered");
        scaled(m, m._x, m._y, s);
        m.querySelector(".hit").setAttribute("r", (m._r * tapRadius() / 22).toFixed(2));
        if (m.dataset.off) return;
        groups.push({ m: [m], x: m._x, y: m._y, n: m._count });
      });
      var merged = !fixed;
      while (merged) {
        merged = false;
        var cell = 4 * tap, grid = {};
        groups.forEach(function (g, i) {
          var key = Math.floor(g.x / cell) + "," + Math.floor(g.y / cell);
          (grid[key] = grid[key] || []).push(i);
        });
        groups.forEach(function (g) {
          if (g.dead) return;
          var cx = Math.floor(g.x / cell), cy = Math.floor(g.y / cell);
          for (var dx = -1; dx <= 1; dx++) for (var dy = -1; dy <= 1; dy++) {
            (grid[(cx + dx) + "," + (cy + dy)] || []).forEach(function (j) {
              var h = groups[j];
              if (h === g || h.dead || g.dead) return;
              if (Math.hypot(g.x - h.x, g.y - h.y) >= 2 * tap) return;
              var a = g.m.length, b = h.m.length;
              g.x = (g.x * a + h.x * b) / (a + b); g.y = (g.y * a + h.y * b) / (a + b);
              g.m = g.m.concat(h.m); g.n += h.n; h.dead = true; merged = true;
            });
          }
        });
        groups = groups.filter(function (g) { return !g.dead; });
      }
      var symbols = [];
      groups.forEach(function (g) {
        if (g.m.length === 1) { symbols.push([g.x, g.y, g.m[0]._sym * k]); return; }
        g.m.forEach(function (m) { m.classList.add("clustered"); });
        symbols.push([g.x, g.y, clusterRadius(g.n) * k]);
        layer.appendChild(clusterMarker(g, s));
      });
      var placed = [];
      labels.forEach(function (t) {
        scaled(t, t._x, t._y, s);
        t.classList.remove("off");
        var box = null;
        SHIFTS.some(function (dy) {
          t.setAttribute("dy", dy);
          var b = t.getBBox();
          var c = [t._x + (b.x - t._x) * s - k, t._y + (b.y - t._y) * s, t._x + (b.x + b.width - t._x) * s + k, t._y + (b.y + b.height - t._y) * s];
          var ok = c[0] >= view.x && c[1] >= view.y && c[2] <= view.x + view.w && c[3] <= view.y + view.h &&
            !symbols.some(function (p) {
              var nx = Math.min(Math.max(p[0], c[0]), c[2]), ny = Math.min(Math.max(p[1], c[1]), c[3]);
              return Math.hypot(p[0] - nx, p[1] - ny) < p[2] + 2 * k;
            }) &&
            !placed.some(function (p) { return c[0] < p[2] && p[0] < c[2] && c[1] < p[3] && p[1] < c[3]; });
          if (ok) box = c;
          return ok;
        });
        if (box) placed.push(box); else t.classList.add("off");
      });
    }

    function clusterMarker(g, s) {
      var first = g.m[0];
      var names = g.m.slice(0, 5).map(function (m) { return m._name; }).join("、");
      if (g.m.length > 5) names = (fig.dataset.clusterMore || "{names}").replace("{names}", names);
      var a = svgEl("a", {
        href: first.getAttribute("href").charAt(0) === "#" ? first.getAttribute("href") : "#" + (fig.id || ""),
        "class": "marker cluster js-cluster",
        "data-id": "cluster-" + first.dataset.id,
        "data-members": g.m.map(function (m) { return m.dataset.id; }).join(" "),
        "aria-label": (fig.dataset.cluster || "{count}：{names}").replace("{count}", g.n).replace("{names}", names)
      });
      var x = g.x.toFixed(1), y = g.y.toFixed(1);
      var r = clusterRadius(g.n) * U;
      a.appendChild(svgEl("circle", { cx: x, cy: y, r: Math.max(22 * U, r + 3 * U) * tapRadius() / 22, "class": "hit" }));
      a.appendChild(svgEl("circle", { cx: x, cy: y, r: r, "class": "sym sym-cluster" }));
      var t = svgEl("text", { x: x, y: y, dy: "0.35em", "text-anchor": "middle", "aria-hidden": "true" });
      t.textContent = g.n;
      a.appendChild(t);
      scaled(a, g.x, g.y, s);
      a._members = g.m;
      a.addEventListener("click", function (e) {
        // Zoom until its markers part; where they stand at one spot, follow the link to the list.
        var xs = g.m.map(function (m) { return m._x; }), ys = g.m.map(function (m) { return m._y; });
        var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs), y0 = Math.min.apply(null, ys), y1 = Math.max.apply(null, ys);
        var nw = Math.max(W / 64, (x1 - x0) * 2, (y1 - y0) * 2 * W / H);
        if (nw >= view.w * 0.95 && view.w <= W / 64 * 1.01) return;
        e.preventDefault();
        nw = Math.min(nw, view.w / 1.6);
        view = { x: (x0 + x1) / 2 - nw / 2, y: (y0 + y1) / 2 - nw * H / W / 2, w: nw, h: nw * H / W };
        focusAt = first;
        render();
        var back = first.classList.contains("clustered") ? layer.querySelector(".js-cluster") : first;
        layer.querySelectorAll(".js-cluster").forEach(function (c) { if (c._members.indexOf(first) >= 0) back = c; });
        if (back) back.focus();
      });
      a.addEventListener("focus", function () { focusAt = first; });
      return a;
    }

    function render() {
      clamp();
      svg.setAttribute("viewBox", [view.x, view.y, view.w, view.h].map(function (v) { return v.toFixed(2); }).join(" "));
      // Map units per CSS px on screen now (the view fits the box's width or,
      // when the page caps the map's height, its height).
      var box = svg.getBoundingClientRect();
      layout(box.width ? Math.max(view.w / box.width, view.h / (box.height || box.width * H / W)) : W / 358);
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
    // ＋ and － zoom towards what is shown: the marker last focused when it is in
    // view, else the middle of the markers in view, so zooming never empties the map.
    function towards(factor) {
      var inView = function (x, y) { return x >= view.x && x <= view.x + view.w && y >= view.y && y <= view.y + view.h; };
      var p = null;
      if (focusAt && inView(focusAt._x, focusAt._y)) p = [focusAt._x, focusAt._y];
      else {
        var pts = markers.filter(function (m) { return !m.dataset.off && inView(m._x, m._y); });
        if (pts.length) {
          var xs = pts.map(function (m) { return m._x; }), ys = pts.map(function (m) { return m._y; });
          p = [(Math.min.apply(null, xs) + Math.max.apply(null, xs)) / 2, (Math.min.apply(null, ys) + Math.max.apply(null, ys)) / 2];
        }
      }
      if (!p) { zoom(factor); return; }
      var nw = view.w / factor;
      view = { x: p[0] - nw / 2, y: p[1] - nw * H / W / 2, w: nw, h: nw * H / W };
      render();
    }
    function pan(dx, dy) { view.x += dx * view.w; view.y += dy * view.h; render(); }
    function reset() { view = { x: 0, y: 0, w: W, h: H }; focusAt = null; render(); }
    function toSvg(evt) {
      var r = svg.getBoundingClientRect();
      return { x: view.x + (evt.clientX - r.left) / r.width * view.w, y: view.y + (evt.clientY - r.top) / r.height * view.h };
    }

    // Keep a focused marker in view.
    svg.addEventListener("focusin", function (e) {
      var m = e.target.closest && e.target.closest(".marker");
      if (!m) return;
      var c = m.querySelector("circle");
      var x = parseFloat(c.getAttribute("cx")), y = parseFloat(c.getAttribute("cy"));
      if (x < view.x || x > view.x + view.w || y < view.y || y > view.y + view.h) {
        view.x = x - view.w / 2; view.y = y - view.h / 2; render();
      }
    });

    // The buttons and the help are in the page (shown once scripts run), so nothing moves.
    var actions = { "in": function () { towards(1.6); }, out: function () { towards(1 / 1.6); }, reset: reset };
    fig.querySelectorAll(".map-zoom button[data-zoom]").forEach(function (btn) {
      btn.addEventListener("click", actions[btn.dataset.zoom]);
    });

    fig.addEventListener("keydown", function (e) {
      var k = e.key, step = 0.15;
      if (k === "+" || k === "=") towards(1.6);
      else if (k === "-" || k === "_") towards(1 / 1.6);
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
    fig._render = render;
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
    document.querySelectorAll("#map-providers .marker:not(.cluster)").forEach(function (m) {
      if (matches(m, state)) delete m.dataset.off; else m.dataset.off = "1";
    });
    var fig = document.getElementById("map-providers");
    if (fig && fig._render) fig._render();
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
