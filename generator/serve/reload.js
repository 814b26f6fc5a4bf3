// Byline live reload, added to pages by `byline serve` only. It reloads the
// page after each successful build and shows the errors of a failed build
// over the page, which still shows the last good build. The DOM is built
// with textContent, so an error message cannot inject markup.
(function () {
  "use strict";
  var me = document.currentScript;
  var gen = me ? new URL(me.src).searchParams.get("gen") || "" : "";
  var overlay = null;

  function el(tag, text, css) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    if (css) e.style.cssText = css;
    return e;
  }

  function position(e) {
    var p = e.path || "";
    if (e.line) p += ":" + e.line + (e.col ? ":" + e.col : "");
    return p ? p + ": " : "";
  }

  function hide() {
    if (overlay) overlay.remove();
    overlay = null;
  }

  function show(errors) {
    hide();
    overlay = el("div", "", "position:fixed;inset:0;z-index:2147483647;overflow:auto;" +
      "background:rgba(24,24,27,.94);color:#fafafa;padding:2rem;" +
      "font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left");
    overlay.id = "byline-error-overlay";
    overlay.setAttribute("role", "alert");
    overlay.appendChild(el("h2", "Build failed: byline build would stop on these errors",
      "font:600 18px/1.4 system-ui,sans-serif;margin:0 0 1rem;color:#fca5a5"));
    errors.forEach(function (e) {
      var item = el("div", "", "margin:0 0 1rem");
      item.className = "byline-error";
      item.appendChild(el("div", position(e) + e.message, "white-space:pre-wrap"));
      if (e.source) {
        item.appendChild(el("pre", e.source, "margin:.25rem 0 0;padding:.5rem;background:#3f3f46;white-space:pre-wrap"));
      }
      overlay.appendChild(item);
    });
    var close = el("button", "Dismiss", "font:inherit;margin-top:1rem");
    close.type = "button";
    close.addEventListener("click", hide);
    overlay.appendChild(close);
    (document.body || document.documentElement).appendChild(overlay);
  }

  // A page listens only while it is visible: a browser keeps at most six
  // connections to a server over HTTP/1.1, and every open tab's stream
  // would hold one, so a seventh preview tab would wait for ever. A page
  // shown again connects with its generation, and the server answers at
  // once with a reload when a build came meanwhile, or with the errors.
  var source = null;
  function connect() {
    if (source) return;
    source = new EventSource("/_byline/events?gen=" + encodeURIComponent(gen));
    source.addEventListener("reload", function () {
      hide();
      location.reload();
    });
    // "error" is also the name of EventSource's own connection event,
    // which has no data: the stream reconnects by itself then.
    source.addEventListener("error", function (e) {
      if (e.data) show(JSON.parse(e.data));
    });
  }
  function disconnect() {
    if (source) source.close();
    source = null;
  }
  document.addEventListener("visibilitychange", function () {
    if (document.hidden) disconnect(); else connect();
  });
  window.addEventListener("pagehide", disconnect);
  window.addEventListener("pageshow", function () { if (!document.hidden) connect(); });
  if (!document.hidden) connect();
})();
