// サイト内検索 on /search/: Pagefind (index built by kyoten), with the query folded the way
// the index was (NFKC, lower case), ひらがな↔カタカナ tried both ways, results grouped by kind,
// the query and filters kept in the URL, and the result count announced (role=status).
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form) return;
  var root = form.getAttribute("data-root") || "";
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var out = document.getElementById("search-results");
  var kana = document.getElementById("kana-index");
  var filterBox = document.getElementById("search-filters");
  var KINDS = ["市区町村", "事業所", "事例", "ガイド", "募集"];
  var FILTER_LABELS = { kind: "種類", prefecture: "都道府県", municipality: "市区町村", function: "機能", service: "サービス" };
  var engine = null;

  function load() {
    if (!engine) {
      engine = import(root + "/pagefind/pagefind.js").then(function (pf) {
        return pf.options({ basePath: root + "/pagefind/", excerptLength: 30 }).then(function () { return pf; });
      });
    }
    return engine;
  }
  function fold(q) {
    // NFKC and lower case until nothing changes, as the index was folded (search.rs).
    var cur = q.normalize("NFKC").toLowerCase();
    for (var i = 0; i < 8; i++) {
      var next = cur.normalize("NFKC").toLowerCase();
      if (next === cur) break;
      cur = next;
    }
    return cur.replace(/\s+/g, " ").trim();
  }
  function swapKana(q) {
    var hira = /[\u3041-\u3096]/.test(q), kata = /[\u30a1-\u30f6]/.test(q);
    if (hira) return q.replace(/[\u3041-\u3096]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) + 0x60); });
    if (kata) return q.replace(/[\u30a1-\u30f6]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0x60); });
    return q;
  }
  function state() {
    var p = new URLSearchParams(window.location.search), s = { q: p.get("q") || "", filters: {} };
    Object.keys(FILTER_LABELS).forEach(function (k) { if (p.get(k)) s.filters[k] = p.get(k); });
    return s;
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function buildFilters(pf, s) {
    return pf.filters().then(function (available) {
      filterBox.textContent = "";
      Object.keys(FILTER_LABELS).forEach(function (key) {
        var values = available[key];
        if (!values || Object.keys(values).length < 2) return;
        var label = el("label", "filter-field");
        label.appendChild(el("span", "", FILTER_LABELS[key]));
        var sel = el("select");
        sel.name = key;
        sel.appendChild(new Option("すべて", ""));
        Object.keys(values).sort().forEach(function (v) { sel.appendChild(new Option(v + "（" + values[v] + "）", v)); });
        sel.value = s.filters[key] || "";
        sel.addEventListener("change", function () { submit(true); });
        label.appendChild(sel);
        filterBox.appendChild(label);
      });
      filterBox.hidden = filterBox.childElementCount === 0;
    });
  }

  function run(s) {
    input.value = s.q;
    var q = fold(s.q);
    out.textContent = "";
    if (!q) { kana.hidden = false; status.textContent = ""; return; }
    kana.hidden = true;
    status.textContent = "検索しています…";
    var started = performance.now();
    load().then(function (pf) {
      return buildFilters(pf, s).then(function () {
        var variants = [q];
        var alt = swapKana(q);
        if (alt !== q) variants.push(alt);
        return Promise.all(variants.map(function (v) { return pf.search(v, { filters: s.filters }); }));
      });
    }).then(function (responses) {
      var best = {};
      responses.forEach(function (r) {
        (r && r.results || []).forEach(function (x) { if (!best[x.id] || best[x.id].score < x.score) best[x.id] = x; });
      });
      var top = Object.keys(best).map(function (k) { return best[k]; }).sort(function (a, b) { return b.score - a.score; }).slice(0, 30);
      return Promise.all(top.map(function (x) { return x.data(); }));
    }).then(function (items) {
      var ms = Math.round(performance.now() - started);
      out.setAttribute("data-ms", String(ms));
      if (items.length === 0) {
        status.textContent = "「" + s.q + "」に合うページは見つかりませんでした。ことばを短くするか、ひらがなやカタカナで試してください。";
        kana.hidden = false;
        return;
      }
      status.textContent = "「" + s.q + "」の検索結果：" + items.length + " 件";
      KINDS.concat(["その他"]).forEach(function (kind) {
        var group = items.filter(function (d) { return (d.meta.kind || "その他") === kind || (kind === "その他" && KINDS.indexOf(d.meta.kind) < 0); });
        if (group.length === 0) return;
        var section = el("section", "result-group");
        var h = el("h2", "", kind + "（" + group.length + " 件）");
        section.appendChild(h);
        var list = el("ol", "results");
        group.forEach(function (d) {
          var li = el("li");
          var a = el("a", "", d.meta.title || d.url);
          a.href = root + d.url;
          li.appendChild(a);
          if (d.meta.place) li.appendChild(el("span", "sub", d.meta.place));
          if (d.meta.excerpt) li.appendChild(el("p", "excerpt", d.meta.excerpt));
          list.appendChild(li);
        });
        section.appendChild(list);
        out.appendChild(section);
      });
    }).catch(function () {
      status.textContent = "検索を読み込めませんでした。五十音の一覧から探してください。";
      kana.hidden = false;
    });
  }

  function submit(push) {
    var params = new URLSearchParams();
    if (input.value) params.set("q", input.value);
    filterBox.querySelectorAll("select").forEach(function (sel) { if (sel.value) params.set(sel.name, sel.value); });
    var url = window.location.pathname + (params.toString() ? "?" + params.toString() : "");
    if (push) window.history.pushState(null, "", url); else window.history.replaceState(null, "", url);
    run(state());
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); submit(true); });
  window.addEventListener("popstate", function () { run(state()); });
  run(state());
})();
