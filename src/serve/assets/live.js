// kyoten serve: reload this page when its file changes; show build errors.
// Added to pages only by the dev server, never to the built site.
(() => {
  "use strict";
  const css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = "/__kyoten/live.css";
  document.head.appendChild(css);

  let box = null;
  const here = () => {
    try {
      return decodeURI(location.pathname);
    } catch {
      return location.pathname;
    }
  };
  const el = (tag, cls, text) => {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const hide = () => {
    if (box) box.remove();
    box = null;
  };
  const show = (errors) => {
    hide();
    box = el("div", "kyoten-live");
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-labelledby", "kyoten-live-title");
    box.tabIndex = -1;
    box.append(el("h2", "", "ビルドできませんでした"));
    box.firstChild.id = "kyoten-live-title";
    box.append(el("p", "", "前回ビルドできたページを表示しています。ファイルを直して保存すると、自動で更新します。"));
    const list = el("ol");
    for (const d of errors) {
      const li = el("li");
      li.append(el("p", "kyoten-live-where", `${d.path}:${d.line}:${d.column}`));
      li.append(el("p", "", d.message));
      if (d.source_line) li.append(el("pre", "", `${d.line} | ${d.source_line}`));
      if (d.hint) li.append(el("p", "kyoten-live-hint", `ヒント: ${d.hint}`));
      list.append(li);
    }
    box.append(list);
    const close = el("button", "", "閉じる");
    close.type = "button";
    close.addEventListener("click", hide);
    box.append(close);
    document.body.append(box);
    box.focus();
  };

  const events = new EventSource("/__kyoten/events");
  events.addEventListener("builderror", (e) => show(JSON.parse(e.data)));
  events.addEventListener("ok", hide);
  events.addEventListener("reload", (e) => {
    const change = JSON.parse(e.data);
    hide();
    if (change.all || change.paths.includes(here())) location.reload();
  });
})();
