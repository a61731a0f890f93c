// サイト内検索 on /search/ over kyoten's own index (src/search_index.rs describes the
// files): the query is folded the way the index was (NFKC and lower case until stable,
// ひらがな → カタカナ), split into words, each word looked up by its character bigrams
// in gzip'd shards that are fetched only when needed. Results are grouped by kind,
// pages whose title or labels hold the words first; the query and filters live in the
// URL and the result count is announced (role=status).
(function () {
  "use strict";
  var form = document.getElementById("search-form");
  if (!form) return;
  var root = form.getAttribute("data-root") || "";
  var base = root + "/search-index/";
  var input = document.getElementById("q");
  var status = document.getElementById("search-status");
  var out = document.getElementById("search-results");
  var kana = document.getElementById("kana-index");
  var filterBox = document.getElementById("search-filters");
  var FILTERS = { kind: "種類", prefecture: "都道府県", municipality: "市区町村", function: "機能", service: "サービス" };
  var PAGE = 20;
  var manifest = null, shards = {}, files = {}, chunks = {}, munis = {};
  var WORD = /[^\p{Alphabetic}\p{N}]+/u;

  function fail(r) { if (!r.ok) throw new Error(r.status + " " + r.url); return r; }
  function json(path) { return fetch(base + path).then(fail).then(function (r) { return r.json(); }); }
  function gunzip(path) {
    return fetch(base + path).then(fail).then(function (r) {
      return new Response(r.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
    }).then(function (b) { return new Uint8Array(b); });
  }
  function once(cache, key, make) { if (!cache[key]) cache[key] = make(); return cache[key]; }
  function loadManifest() { return once(files, "index.json", function () { return json("index.json").then(function (m) { manifest = m; return m; }); }); }

  function fold(q) {
    // NFKC and lower case until nothing changes, as the index was folded (search.rs).
    var cur = q.normalize("NFKC").toLowerCase();
    for (var i = 0; i < 8; i++) {
      var next = cur.normalize("NFKC").toLowerCase();
      if (next === cur) break;
      cur = next;
    }
    return cur;
  }
  function katakana(s) { return s.replace(/[\u3041-\u3096]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) + 0x60); }); }
  function fnv(s) {
    var b = new TextEncoder().encode(s), h = 0x811c9dc5;
    for (var i = 0; i < b.length; i++) { h ^= b[i]; h = Math.imul(h, 0x01000193); }
    return h >>> 0;
  }

  // One shard: key → {type, count, payload | file}.
  function parseShard(bytes, n) {
    var map = new Map(), pos = 0, ext = 0, dec = new TextDecoder();
    function vi() { var v = 0, mul = 1, b; do { b = bytes[pos++]; v += (b & 0x7f) * mul; mul *= 128; } while (b & 0x80); return v; }
    while (pos < bytes.length) {
      var kl = bytes[pos++], key = dec.decode(bytes.subarray(pos, pos + kl));
      pos += kl;
      var type = bytes[pos++], count = vi(), len = vi(), e = { type: type, count: count };
      if (type === 2) e.file = "x/" + n + "-" + (ext++) + ".bin"; else e.payload = bytes.subarray(pos, pos + len);
      pos += len;
      map.set(key, e);
    }
    return map;
  }
  function decode(type, p) {
    var ids = [], pos = 0;
    function vi() { var v = 0, mul = 1, b; do { b = p[pos++]; v += (b & 0x7f) * mul; mul *= 128; } while (b & 0x80); return v; }
    if (type === 1) {
      var lo = vi();
      for (var j = pos; j < p.length; j++) {
        for (var i = 0; i < 8; i++) if (p[j] & (1 << i)) ids.push((lo + j - pos) * 8 + i);
      }
    } else {
      var prev = -1;
      while (pos < p.length) { prev += vi() + 1; ids.push(prev); }
    }
    return ids;
  }
  // The sorted doc ids of one key ([] when the index does not have it).
  function posting(key) {
    var n = fnv(key.slice(1)) % manifest.shards;
    return once(shards, n, function () { return gunzip("s/" + n + ".bin").then(function (b) { return parseShard(b, n); }); })
      .then(function (map) {
        var e = map.get(key);
        if (!e) return [];
        if (e.type !== 2) return decode(e.type, e.payload);
        return once(files, e.file, function () { return gunzip(e.file); }).then(function (b) { return decode(b[0], b.subarray(1)); });
      });
  }
  function and(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] < b[j]) i++; else if (a[i] > b[j]) j++; else { out.push(a[i]); i++; j++; }
    }
    return out;
  }
  function andAll(lists) {
    if (lists.length === 0) return [];
    lists = lists.slice().sort(function (x, y) { return x.length - y.length; });
    return lists.reduce(and);
  }
  // A word's keys: its one character, or bigrams covering it (every other one and the last).
  function wordKeys(chars) {
    if (chars.length === 1) {
      // A kanji is indexed on its own in every text; any other single character only
      // in titles and labels.
      var kanji = /[\u4e00-\u9fff]/.test(chars[0]);
      return { body: [(kanji ? "c" : "u") + chars[0]], title: ["u" + chars[0]] };
    }
    var pos = [];
    for (var i = 0; i + 1 < chars.length; i += 2) pos.push(i);
    if (pos[pos.length - 1] !== chars.length - 2) pos.push(chars.length - 2);
    var grams = pos.map(function (i) { return chars[i] + chars[i + 1]; });
    return { body: grams.map(function (g) { return "b" + g; }), title: grams.map(function (g) { return "t" + g; }) };
  }

  // Romaji to katakana, ヘボン式 and 訓令式 alike (shiroi, siroi → シロイ; tsu/tu, chi/ti,
  // fu/hu, ji/zi, sha/sya, kyo, double consonants → ッ, n before a consonant → ン).
  // Null when the word is not romaji throughout.
  var ROMAJI = (function () {
    var t = {}, rows = {
      "": "アイウエオ", k: "カキクケコ", s: "サシスセソ", t: "タチツテト", n: "ナニヌネノ", h: "ハヒフヘホ",
      m: "マミムメモ", r: "ラリルレロ", g: "ガギグゲゴ", z: "ザジズゼゾ", d: "ダヂヅデド", b: "バビブベボ",
      p: "パピプペポ"
    };
    Object.keys(rows).forEach(function (c) { "aiueo".split("").forEach(function (v, i) { t[c + v] = rows[c][i]; }); });
    var extra = {
      ya: "ヤ", yu: "ユ", yo: "ヨ", wa: "ワ", wo: "ヲ", shi: "シ", chi: "チ", tsu: "ツ", fu: "フ", ji: "ジ",
      sha: "シャ", shu: "シュ", she: "シェ", sho: "ショ", cha: "チャ", chu: "チュ", che: "チェ", cho: "チョ",
      ja: "ジャ", ju: "ジュ", je: "ジェ", jo: "ジョ", jya: "ジャ", jyu: "ジュ", jyo: "ジョ", fa: "ファ", fi: "フィ", fe: "フェ", fo: "フォ",
      di: "ディ", du: "ドゥ", ti: "チ", tu: "ツ", hu: "フ", zi: "ジ", si: "シ", nn: "ン", "n'": "ン", vu: "ヴ"
    };
    Object.keys(extra).forEach(function (k) { t[k] = extra[k]; });
    "kgsztdnhbpmr".split("").forEach(function (c) {
      var i = t[c + "i"];
      t[c + "ya"] = i + "ャ"; t[c + "yu"] = i + "ュ"; t[c + "yo"] = i + "ョ";
    });
    t.cya = "チャ"; t.cyu = "チュ"; t.cyo = "チョ";
    return t;
  })();
  function romaji(w) {
    if (!/^[a-z']+$/.test(w)) return null;
    var out = "", i = 0;
    while (i < w.length) {
      var c = w[i], next = w[i + 1];
      if (c !== "n" && c === next && /[bcdfghjkmprstvwz]/.test(c)) { out += "ッ"; i++; continue; }
      if (c === "n" && (next === undefined || /[^aiueoy']/.test(next))) { out += "ン"; i++; continue; }
      var hit = null;
      for (var len = 3; len >= 1 && !hit; len--) {
        var part = w.substr(i, len);
        if (ROMAJI[part]) hit = part;
      }
      if (!hit) return null;
      out += ROMAJI[hit];
      i += hit.length;
    }
    return out;
  }

  // Romaji often leaves a long vowel out (tokyo for とうきょう, osaka for おおさか): a
  // bigram starting on an お or う sound may straddle a missing ウ or オ, so only the
  // others are required.
  var LONG = /[オコソトノホモヨロゴゾドボポョウクスツヌフムユルグズヅブプュ]/;
  function romajiKeys(kana) {
    var chars = Array.from(kana), grams = [];
    for (var i = 0; i + 1 < chars.length; i++) if (!LONG.test(chars[i])) grams.push(chars[i] + chars[i + 1]);
    if (grams.length === 0) return wordKeys(chars);
    return { body: grams.map(function (g) { return "b" + g; }), title: grams.map(function (g) { return "t" + g; }) };
  }
  // One word's matching doc ids: its body and its title/label postings.
  function lookup(k) {
    return Promise.all([Promise.all(k.body.map(posting)), Promise.all(k.title.map(posting))]).then(function (r) {
      return { body: andAll(r[0]), title: andAll(r[1]) };
    });
  }
  function union(a, b) {
    var out = [], i = 0, j = 0;
    while (i < a.length || j < b.length) {
      if (j >= b.length || (i < a.length && a[i] < b[j])) out.push(a[i++]);
      else if (i >= a.length || b[j] < a[i]) out.push(b[j++]);
      else { out.push(a[i]); i++; j++; }
    }
    return out;
  }

  // Every matching doc id and its score (how many words its title or labels hold).
  // A word in romaji matches as written or read as kana (shiroi → シロイ).
  function query(q, filters) {
    var words = katakana(fold(q)).split(WORD).filter(Boolean);
    if (words.length === 0) return Promise.resolve({ ids: [], score: {} });
    var perWord = words.map(function (w) {
      var kana = romaji(w), own = lookup(wordKeys(Array.from(w)));
      if (!kana) return own;
      return Promise.all([own, lookup(romajiKeys(kana))]).then(function (r) {
        return { body: union(r[0].body, r[1].body), title: union(r[0].title, r[1].title) };
      });
    });
    var filterLists = Object.keys(filters).map(function (k) { return posting("f" + k + "=" + filters[k]); });
    return Promise.all([Promise.all(perWord), Promise.all(filterLists)]).then(function (r) {
      var ids = andAll(r[0].map(function (w) { return w.body; }).concat(r[1]));
      var score = {};
      r[0].forEach(function (w) { w.title.forEach(function (id) { score[id] = (score[id] || 0) + 1; }); });
      return { ids: ids, score: score };
    });
  }
  function meta(id) {
    var c = Math.floor(id / manifest.chunk);
    return once(chunks, c, function () {
      return gunzip("m/" + c + ".bin").then(function (b) { return JSON.parse(new TextDecoder().decode(b)); });
    }).then(function (rows) { return rows[id - c * manifest.chunk]; });
  }

  function state() {
    var p = new URLSearchParams(window.location.search), s = { q: p.get("q") || "", filters: {} };
    Object.keys(FILTERS).forEach(function (k) { if (p.get(k)) s.filters[k] = p.get(k); });
    if (!s.filters.prefecture && !onePrefecture()) delete s.filters.municipality;
    return s;
  }
  function onePrefecture() { return manifest && (manifest.filters.prefecture || []).length === 1; }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function select(key, options, value) {
    var label = el("label", "filter-field");
    label.appendChild(el("span", "", FILTERS[key]));
    var sel = el("select");
    sel.name = key;
    sel.appendChild(new Option("すべて", ""));
    options.forEach(function (o) { sel.appendChild(new Option(o[1] + "（" + o[2].toLocaleString("ja-JP") + "）", o[0])); });
    sel.value = value || "";
    sel.addEventListener("change", function () {
      if (key === "prefecture") { var m = filterBox.querySelector("select[name=municipality]"); if (m) m.value = ""; }
      submit(true);
    });
    label.appendChild(sel);
    (filterBox.querySelector(".filter-fields") || filterBox).appendChild(label);
  }
  // Filters with more than one value; 市区町村 once a prefecture is chosen (or there is one).
  function buildFilters(s) {
    filterBox.textContent = "";
    // Folded away on a phone until wanted; open while a filter is on.
    var box = el("details", "filter-box");
    box.open = Object.keys(s.filters).length > 0;
    box.appendChild(el("summary", "", "絞り込み（種類・都道府県・市区町村・機能・サービス）"));
    box.appendChild(el("div", "filter-fields"));
    filterBox.appendChild(box);
    var f = manifest.filters, prefs = f.prefecture || [];
    ["kind", "prefecture", "function", "service"].forEach(function (key) {
      var values = f[key] || [];
      if (values.length >= 2) select(key, values.map(function (v) { return [v[0], v[0], v[1]]; }), s.filters[key]);
      if (key === "prefecture") {
        var p = prefs.length === 1 ? 0 : prefs.map(function (v) { return v[0]; }).indexOf(s.filters.prefecture);
        if (p >= 0) {
          var holder = el("span");
          filterBox.querySelector(".filter-fields").appendChild(holder);
          once(munis, p, function () { return json("f/" + p + ".json"); }).then(function (rows) {
            if (rows.length < 2) { holder.remove(); return; }
            var fields = filterBox.querySelector(".filter-fields");
            select("municipality", rows, s.filters.municipality);
            holder.replaceWith(fields.lastChild);
          });
        }
      }
    });
    filterBox.hidden = filterBox.querySelector(".filter-fields").childElementCount === 0;
  }

  function item(d) {
    var li = el("li");
    var a = el("a", "", d[1] || d[0]);
    a.href = root + d[0];
    li.appendChild(a);
    if (d[2]) li.appendChild(el("span", "sub", d[2]));
    if (d[3]) li.appendChild(el("p", "excerpt", d[3]));
    return li;
  }
  // Among the best-scored results (at most two pages of them), titles that hold the
  // query as typed come first — the title that is the query, then one that starts
  // with it, then one that holds it — so 「白井市」 leads with 白井市, not with a page
  // that has 白井 and 市 apart.
  function phraseFirst(q, ids, score) {
    var phrase = katakana(fold(q)).trim();
    if (!ids.length || !phrase) return Promise.resolve(ids);
    var top = score[ids[0]] || 0, head = [];
    while (head.length < ids.length && head.length < 2 * PAGE && (score[ids[head.length]] || 0) === top) head.push(ids[head.length]);
    if (head.length < 2) return Promise.resolve(ids);
    return Promise.all(head.map(meta)).then(function (rows) {
      var rank = rows.map(function (d, i) {
        var title = katakana(fold(d[1] || d[0]));
        var at = title.indexOf(phrase);
        return [title === phrase ? 0 : at === 0 ? 1 : at > 0 ? 2 : 3, i];
      });
      rank.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
      return rank.map(function (x) { return head[x[1]]; }).concat(ids.slice(head.length));
    });
  }

  // One group: its first PAGE results, then a button for PAGE more.
  function group(kind, ids) {
    var section = el("section", "result-group");
    section.appendChild(el("h2", "", kind + "（" + ids.length.toLocaleString("ja-JP") + " 件）"));
    var list = el("ol", "results");
    section.appendChild(list);
    var shown = 0;
    function more(focus) {
      var next = ids.slice(shown, shown + PAGE);
      shown += next.length;
      return Promise.all(next.map(meta)).then(function (rows) {
        var first = null;
        rows.forEach(function (d) { var li = item(d); list.appendChild(li); first = first || li; });
        button.hidden = shown >= ids.length;
        button.textContent = "さらに表示（残り " + (ids.length - shown).toLocaleString("ja-JP") + " 件）";
        if (focus && first) first.querySelector("a").focus();
      });
    }
    var button = el("button", "more");
    button.type = "button";
    button.addEventListener("click", function () { more(true); });
    section.appendChild(button);
    return { section: section, ready: more(false) };
  }

  // The 五十音 list, or the space kept for results (furigana.js set it before the first paint).
  function showKana(on) {
    kana.hidden = !on;
    document.documentElement.classList.toggle("search-pending", !on);
  }

  var generation = 0;
  function run(s) {
    var mine = ++generation;
    input.value = s.q;
    out.textContent = "";
    if (!fold(s.q).trim()) { showKana(true); status.textContent = ""; return; }
    showKana(false);
    status.textContent = "検索しています…";
    var started = performance.now();
    loadManifest().then(function () {
      s = state();
      buildFilters(s);
      return query(s.q, s.filters);
    }).then(function (r) {
      if (mine !== generation) return null;
      var lists = manifest.kinds.map(function (k) {
        var ids = r.ids.filter(function (id) { return id >= k[1] && id < k[2]; });
        ids.sort(function (a, b) { return (r.score[b] || 0) - (r.score[a] || 0) || a - b; });
        return phraseFirst(s.q, ids, r.score);
      });
      return Promise.all(lists).then(function (sorted) {
        var groups = manifest.kinds.map(function (k, i) { return sorted[i].length ? group(k[0], sorted[i]) : null; }).filter(Boolean);
        return Promise.all(groups.map(function (g) { return g.ready; })).then(function () { return { r: r, groups: groups }; });
      });
    }).then(function (done) {
      if (!done || mine !== generation) return;
      out.setAttribute("data-ms", String(Math.round(performance.now() - started)));
      if (done.r.ids.length === 0) {
        status.textContent = "「" + s.q + "」に合うページは見つかりませんでした。ことばを短くするか、ひらがなやカタカナで試してください。";
        showKana(true);
        return;
      }
      done.groups.forEach(function (g) { out.appendChild(g.section); });
      status.textContent = "「" + s.q + "」の検索結果：" + done.r.ids.length.toLocaleString("ja-JP") + " 件";
    }).catch(function () {
      if (mine !== generation) return;
      status.textContent = "検索を読み込めませんでした。五十音の一覧から探してください。";
      showKana(true);
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
  if (typeof DecompressionStream === "undefined") {
    status.textContent = "このブラウザーでは検索を使えません。五十音の一覧から探してください。";
    showKana(true);
    return;
  }
  run(state());
})();
