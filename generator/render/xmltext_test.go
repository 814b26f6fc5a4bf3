package render

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
)

// FuzzEscapeXMLText checks escapeXMLText against the encoding/xml
// function it stands in for.
func FuzzEscapeXMLText(f *testing.F) {
	for _, s := range []string{
		"", "plain", `<p class="x">Tom's &amp; "Jerry"</p>`, "tab\there\r\nline\n", "\x00\x01\x1f\x7f",
		"é ü 中文 😀", "\xff\xfe bad \xc3", "\uFFFD real replacement", "\uFFFE\uFFFF", "\U0010FFFF", "a\xed\xa0\x80b",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, s []byte) {
		var want bytes.Buffer
		_ = xml.EscapeText(&want, s)
		var got strings.Builder
		escapeXMLText(&got, s)
		if got.String() != want.String() {
			t.Fatalf("escapeXMLText(%q) = %q, encoding/xml writes %q", s, got.String(), want.String())
		}
	})
}
