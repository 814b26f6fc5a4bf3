// Package content reads a site's Markdown files into Pages: the load and
// parse stages of a build.
//
// Load walks an fs.FS of the site folder: articles/**/*.md are articles
// (a sub-folder of articles/ is the article's Section), pages/*.md are
// standalone pages, authors/*.md are author profiles, and every file under
// static/ is listed for a later stage to copy. A folder under articles/ or
// pages/ that holds an index.md is a bundle (Page.Bundle): that file is the
// page, its other files are listed as the page's Resources, and a Markdown
// file elsewhere in it is an error. Hidden files and folders,
// editors' temporary files and symbolic links that leave the site are
// skipped (static/.well-known is kept); other files under articles/, and
// Markdown files anywhere else, are ignored. Files are parsed in parallel
// and returned sorted by path, so the result does not depend on scheduling.
//
// Each file starts with front matter in YAML ("---" lines), TOML ("+++"
// lines) or JSON (an object at the top of the file), decoded into Meta with
// the keys of design §3. A UTF-8 byte order mark and CRLF line ends are
// accepted. Dates are "2006-01-02", "2006-01-02T15:04[:05]",
// "2006-01-02 15:04:05" or RFC 3339; a date without an offset is in the
// site's time zone. Articles need title and date, pages a title, authors a
// name; updated may not precede date; a slug must match
// ^[a-z0-9]+(-[a-z0-9]+)*$.
//
// Every problem is reported to a diag.List as "path:line:col: message",
// with the line in the file (not in the front matter or the body), and
// every problem of every file is reported, not only the first. A page with
// an error is left out of Content; unknown keys are warnings with a
// suggestion. Drafts, future and expired pages are parsed, not filtered.
//
// The body is rendered by Markdown (goldmark; one instance per build,
// shared by all goroutines) into HTML that is safe under the site's
// unsafe_html setting, with a table of contents, a plain-text summary and a
// word count that leaves code out. GitHub alert quotes ("> [!TIP]") become
// callouts and a lone titled image a figure. Links to other Markdown files
// of the site (Page.Links) and images at site paths (Page.Images) render
// as marks, which the site model replaces with URLs and sizes (Page.Fill)
// once it knows them.
//
// Bodies on which the parser would stall (see Markdown.Render) are errors
// at their line, not minutes of work.
//
// Pages are immutable once returned: a Cache shares them between builds.
package content
