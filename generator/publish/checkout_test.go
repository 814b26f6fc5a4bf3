package publish

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckOut(t *testing.T) {
	base := t.TempDir()
	home := filepath.Join(base, "home", "ada")
	project := filepath.Join(base, "work", "blog")
	site := filepath.Join(project, "site")
	for _, d := range []string{home, filepath.Join(site, "articles")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("HOME", home)
	symlink(t, site, filepath.Join(project, "site-link"))
	symlink(t, project, filepath.Join(base, "project-link"))
	symlink(t, filepath.Join(site, "articles"), filepath.Join(project, "articles-link"))
	t.Chdir(project)

	tests := []struct {
		name, out string
		wantErr   string // "" means accepted
	}{
		{"file system root", "/", "(the file system root)"},
		{"home", home, "(it is your home directory)"},
		{"parent of home", filepath.Dir(home), "(it contains your home directory"},
		{"/root", "/root", "(it is a home directory)"},
		{"/home", "/home", "(it is the home directories)"},
		{"project root", project, "(it is the project root)"},
		{"project root, relative", ".", "(it is the project root)"},
		{"project root through a link", filepath.Join(base, "project-link"), "(it is the project root)"},
		{"parent of the project", filepath.Dir(project), "(it contains the site directory"},
		{"site", site, "(it is the site directory)"},
		{"site, relative and unclean", "site/articles/..", "(it is the site directory)"},
		{"site through a link", "site-link", "(it is the site directory)"},
		{"inside the site", filepath.Join(site, "articles"), "(it is inside the site directory"},
		{"missing, inside the site", "site/public", "(it is inside the site directory"},
		{"missing, inside the site through a link", "site-link/a/b", "(it is inside the site directory"},
		// ".." after a link goes up from where the link leads, as in the
		// kernel: these are site/static and the site, not the project's.
		{"a link, then up, into the site", "articles-link/../static", "(it is inside the site directory"},
		{"a link, then up, to the site", "articles-link/..", "(it is the site directory)"},
		{"a link, then up, missing, into the site", "articles-link/../a/b/../c", "(it is inside the site directory"},
		{"missing, then up, then a link", "nothere/../site-link/public", "(it is inside the site directory"},
		{"missing, up past it, then a link", "a/b/../../site-link", "(it is the site directory)"},
		{"themes folder", "themes", "(it is the themes folder)"},
		{"a theme", "themes/default", "(it is inside the themes folder"},
		{"a theme's layouts", filepath.Join(project, "themes", "default", "layouts"), "(it is inside the themes folder"},
		{"public", filepath.Join(project, "public"), ""},
		{"public, relative", "public", ""},
		{"fresh temp dir", t.TempDir(), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckOut(tt.out, site, project)
			if tt.wantErr == "" {
				if err != nil {
					t.Fatalf("CheckOut(%q) = %v, want nil", tt.out, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("CheckOut(%q) = %v, want an error containing %q", tt.out, err, tt.wantErr)
			}
			const advice = ": choose an output folder such as public/ with --out"
			if !strings.HasPrefix(err.Error(), "refusing to write to ") || !strings.HasSuffix(err.Error(), advice) {
				t.Errorf("error %q does not say what to do", err)
			}
		})
	}
}

func TestCheckOutMessage(t *testing.T) {
	err := CheckOut("/", "", "")
	const want = `refusing to write to "/" (the file system root): choose an output folder such as public/ with --out`
	if err == nil || err.Error() != want {
		t.Errorf("CheckOut(/) = %v, want %s", err, want)
	}
}

func TestCheckOutBrokenLink(t *testing.T) {
	dir := t.TempDir()
	symlink(t, filepath.Join(dir, "missing"), filepath.Join(dir, "public"))
	if err := CheckOut(filepath.Join(dir, "public"), "", ""); err == nil || !strings.Contains(err.Error(), "broken symbolic link") {
		t.Errorf("CheckOut(broken link) = %v, want a broken-link error", err)
	}
}
