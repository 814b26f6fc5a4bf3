// Byline search, in the browser. DOM nodes and textContent only, no eval.
(function () {
"use strict";
var $ = document.getElementById.bind(document);
var box = $("search"), input = $("search-input"), list = $("search-results"), status = $("search-status");
if (!box || !input || !list || !status || !window.fetch) return;
var indexURL = new URL(box.dataset.url, location.href);
var root = new URL(indexURL.href.replace(/search-index\.json$/, "")); // site root
var lang = document.documentElement.lang || undefined, loading, timer;
var plural = new Intl.PluralRules(lang);

function norm(s) {
  return String(s || "").toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "");
}

function load() {
  return loading = loading || fetch(indexURL).then(function (r) {
    if (!r.ok) throw new Error(r.status);
    return r.json();
  }).then(function (data) {
    return (Array.isArray(data) ? data : []).map(function (e) {
      return { e: e, t: norm(e.title), g: norm((e.tags || []).join(" ")), d: norm(e.description + " " + e.author) };
    });
  });
}

// Every word must match (AND): title > tag > description or author.
function score(p, words) {
  var total = 0;
  for (var i = 0; i < words.length; i++) {
    var w = words[i], at = p.t.indexOf(w), s = 0;
    if (at >= 0) s = at === 0 || p.t.charAt(at - 1) === " " ? 12 : 8;
    else if (p.g.indexOf(w) >= 0) s = 4;
    else if (p.d.indexOf(w) >= 0) s = 1;
    if (!s) return 0;
    total += s;
  }
  return total;
}

function day(s) {
  var d = new Date(s);
  return !s || isNaN(d) ? s || "" : d.toLocaleDateString(lang, { year: "numeric", month: "short", day: "numeric" });
}

function span(a, cls, text) {
  if (!text) return;
  var el = document.createElement("span");
  el.className = "search-result-" + cls;
  el.textContent = text;
  a.appendChild(el);
}

function render(q, hits) {
  list.replaceChildren();
  hits.slice(0, 50).forEach(function (e) {
    var li = document.createElement("li"), a = document.createElement("a");
    a.href = new URL(String(e.url || "").replace(/^\//, ""), root).href;
    span(a, "title", e.title || e.url);
    span(a, "desc", e.description);
    span(a, "meta", [e.author, day(e.date)].filter(Boolean).join(" · "));
    li.appendChild(a);
    list.appendChild(li);
  });
  var n = hits.length;
  status.textContent = !q ? "" : say(!n ? "none" : found(n), n, q);
}

// The form the browser's rules select for n when the page gives it
// (data-found-few), else other, as T chooses. 0 found is data-none.
function found(n) {
  var f = plural.select(n), key = "found" + f[0].toUpperCase() + f.slice(1);
  return box.dataset[key] ? key : "foundOther";
}

// The page gives the words, with {n} and {query} to fill.
function say(key, n, q) {
  return (box.dataset[key] || key).replace(/\{(n|query)\}/g, function (m) { return m === "{n}" ? n : q; });
}

function search() {
  var q = input.value.trim(), words = norm(q).split(/\s+/).filter(Boolean);
  var url = new URL(location.href);
  if (q) url.searchParams.set("q", q); else url.searchParams.delete("q");
  history.replaceState(null, "", url);
  if (!words.length) return render("", []);
  box.setAttribute("aria-busy", "true");
  load().then(function (pages) {
    var hits = pages.map(function (p) { return { e: p.e, s: score(p, words) }; })
      .filter(function (h) { return h.s > 0; })
      .sort(function (a, b) { return b.s - a.s; })
      .map(function (h) { return h.e; });
    if (input.value.trim() === q) render(q, hits);
  }, function () {
    status.textContent = say("unavailable");
  }).then(function () { box.removeAttribute("aria-busy"); });
}

input.addEventListener("input", function () {
  clearTimeout(timer);
  timer = setTimeout(search, 150);
});
input.form.addEventListener("submit", function (ev) {
  ev.preventDefault();
  clearTimeout(timer);
  search();
});

// Arrows move between input and results; Enter opens a link.
box.addEventListener("keydown", function (ev) {
  var down = ev.key === "ArrowDown";
  if (!down && ev.key !== "ArrowUp") return;
  var links = Array.from(list.querySelectorAll("a")), i = links.indexOf(document.activeElement);
  if (!links.length || (i < 0 && document.activeElement !== input)) return;
  ev.preventDefault();
  i += down ? 1 : -1;
  if (i < 0) input.focus(); else links[Math.min(i, links.length - 1)].focus();
});

var q = new URLSearchParams(location.search).get("q");
if (q) { input.value = q; search(); } else load().catch(function () {});
})();
