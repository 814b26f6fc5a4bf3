package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestInterruptStopsARunawayTemplate runs byline build in a child process
// on a site whose shortcode repeats without end, and interrupts it as
// Ctrl-C does: the build stops at once, says so, and leaves public/ as it
// was. The first interrupt used to go unheeded, the build hanging in the
// shortcode.
func TestInterruptStopsARunawayTemplate(t *testing.T) {
	dir := project(t)
	loop := []byte("{{ range 1000000000000 }}{{ end }}\n")
	if err := os.WriteFile(filepath.Join(dir, "site/layouts/shortcodes/pay-table.html"), loop, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "public"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "public/CNAME"), []byte("careers.example.com\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, filepath.Join(dir, "public"))
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^$", "--", "build")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "BYLINE_TEST_MAIN=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	time.Sleep(time.Second) // into the shortcode, which runs for 45 s
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case err = <-done:
	case <-time.After(20 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatal("byline build still running 20 s after the interrupt")
	}
	if code := cmd.ProcessState.ExitCode(); code != exitContent {
		t.Errorf("exit code %d (%v), want %d", code, err, exitContent)
	}
	if got := strings.TrimSpace(stderr.String()); got != "byline build: interrupted; public/ unchanged" {
		t.Errorf("stderr:\n%s", got)
	}
	equalTrees(t, before, snapshot(t, filepath.Join(dir, "public")))
}
