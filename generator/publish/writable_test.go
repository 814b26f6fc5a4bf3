//go:build linux

package publish

import (
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// asNobody is the environment variable that makes
// TestReadOnlyFolderChangesNothing run its publish in a child process as
// the user nobody: root may write to a read-only folder.
const asNobody = "BYLINE_TEST_PUBLISH_AS_NOBODY"

// TestReadOnlyFolderChangesNothing: a folder of the output made read-only
// failed a publish halfway, after other files of the new build had been
// moved into place (64 of them in the audit's case), although a build
// that fails must change nothing. The folders are now checked first, and
// the error names the folder and says nothing changed.
func TestReadOnlyFolderChangesNothing(t *testing.T) {
	if dir := os.Getenv(asNobody); dir != "" {
		publishIntoReadOnly(t, dir)
		return
	}
	base := t.TempDir()
	out := filepath.Join(base, "public")
	mustPublish(t, out, set("index.html", "old home", "a/index.html", "old a", "b/index.html", "old b", "c/index.html", "old c"))
	if err := os.Chmod(filepath.Join(out, "b"), 0o555); err != nil {
		t.Fatal(err)
	}
	before := tree(t, out)
	if os.Geteuid() != 0 {
		publishIntoReadOnly(t, out)
	} else {
		// Root may write anywhere: the publish runs in a child, as nobody.
		runAsNobody(t, "TestReadOnlyFolderChangesNothing", base, asNobody, out)
	}
	if after := tree(t, out); !maps.Equal(before, after) {
		t.Errorf("the output changed:\nbefore %v\nafter  %v", before, after)
	}
}

// publishIntoReadOnly publishes a new build into out, whose folder b is
// read-only, and checks the error; and into a read-only output folder,
// which was "mkdirat .byline-staging: permission denied".
func publishIntoReadOnly(t *testing.T, out string) {
	locked := filepath.Join(filepath.Dir(out), "locked")
	if err := os.Mkdir(locked, 0o555); err != nil {
		t.Fatal(err)
	}
	if _, err := Begin(locked); err == nil || !strings.Contains(err.Error(), locked+" cannot be written (permission denied)") {
		t.Errorf("Begin into a read-only folder: %v", err)
	}
	for _, how := range []string{"Publish", "Stage"} {
		files := set("index.html", "new home", "a/index.html", "new a", "b/index.html", "new b", "c/index.html", "old c")
		var err error
		if how == "Publish" {
			_, err = Publish(out, files)
		} else {
			var s *Stage
			if s, err = Begin(out); err != nil {
				t.Fatal(err)
			}
			for _, f := range files {
				if err := s.Add(f); err != nil {
					t.Fatal(err)
				}
			}
			_, err = s.Commit()
		}
		want := filepath.Join(out, "b") + " cannot be written (permission denied), so nothing was changed"
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: %v, want an error saying %q", how, err, want)
		}
		for name, data := range map[string]string{"index.html": "old home", "a/index.html": "old a"} {
			if got, _ := os.ReadFile(filepath.Join(out, name)); string(got) != data {
				t.Errorf("%s: %s holds %q, want %q", how, name, got, data)
			}
		}
	}
}

// runAsNobody runs the test name again in a child process as the user
// nobody, from a copy of the test binary that nobody may run, with the
// environment variable env set to arg: root may write to a read-only
// folder. base, the test's folder, is given to nobody.
func runAsNobody(t *testing.T, name, base, env, arg string) {
	t.Helper()
	self, err := os.ReadFile(os.Args[0])
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(base, "publish.test")
	if err := os.WriteFile(bin, self, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Dir(base), 0o755); err != nil { // the test's own temp folder
		t.Fatal(err)
	}
	if err := filepath.Walk(base, func(p string, _ os.FileInfo, err error) error {
		if err == nil {
			err = os.Lchown(p, 65534, 65534)
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin, "-test.run=^"+name+"$", "-test.v")
	cmd.Env = append(os.Environ(), env+"="+arg)
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	output, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(output), "--- PASS") {
		t.Fatalf("as nobody: %v\n%s", err, output)
	}
}
