// Package deploy checks Byline's output the way the places it is deployed
// to see it. It has no code of its own, only tests:
//
//   - the sample site served by a real nginx, at "/" and under "/blog/", with
//     .deploy/nginx.conf, crawled from the home page for broken links and
//     assets, 404s, alias redirects, response headers and pre-compressed files
//     (needs nginx);
//   - its HTML checked by the Nu HTML Checker, its feeds against the Atom
//     RELAX NG schema of RFC 4287 and its sitemap against the sitemaps.org
//     schema (needs java with vnu.jar, and xmllint);
//   - its article pages checked by axe-core in headless Chromium, served with
//     the headers of the generated _headers file, with no Content Security
//     Policy violation (needs Chromium and axe-core);
//   - the page weight budget (config page_budget_kb), the _headers and
//     _redirects files, and every deploy recipe in .deploy/ and
//     .github/workflows/.
//
// A test whose tool is missing is skipped with a message that says how to
// install it, unless BYLINE_REQUIRE_NGINX, BYLINE_REQUIRE_VALIDATORS or
// BYLINE_REQUIRE_BROWSER is set, as .ci/run does: then it fails. .ci/run
// installs the npm tools (vnu-jar, axe-core) under BYLINE_TOOLS, by default
// ~/.cache/byline/tools.
package deploy
