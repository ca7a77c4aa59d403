package jobs

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/oversight/oversight/analysis/dates"
)

func TestAsOfRule(t *testing.T) {
	t.Parallel()
	today := asOf("2025-06-14")
	for _, c := range []struct {
		given, givenAt, end, wantOf, wantAt string
	}{
		{"2020-02-14", "", "", "2020-02-14", "2020-02-14"},           // given wins
		{"2020-02-14", "", "2019-12-31", "2020-02-14", "2019-12-31"}, // a question's end is the as-at day
		{"", "", "", "2025-06-14", "2025-06-14"},                     // else the default
		{"", "", "2019-12-31", "2025-06-14", "2019-12-31"},           // a closed period: as at its end, as known today
		{"", "", "2025-06-14", "2025-06-14", "2025-06-14"},           // ending today
		{"", "", "2030-12-31", "2025-06-14", "2025-06-14"},           // ending later: never a future day
		{"2025-07-01", "2025-03-31", "", "2025-07-01", "2025-03-31"}, // an as-at view
		{"2025-07-01", "2025-03-31", "2024-12-31", "2025-07-01", "2025-03-31"},
	} {
		of := AsOf(dayOrZero(c.given), today)
		at := AsAt(dayOrZero(c.givenAt), dayOrZero(c.end), of)
		if of.String() != c.wantOf || at.String() != c.wantAt {
			t.Errorf("%+v: as of %s as at %s", c, of, at)
		}
	}
}

func dayOrZero(s string) dates.Day {
	if s == "" {
		return 0
	}
	return asOf(s)
}

// Today is the date in London whatever the instant: an hour ahead of UTC in
// summer, the same as UTC in winter, across the clock changes.
func TestTodayIsLondon(t *testing.T) {
	t.Parallel()
	if London.String() != "Europe/London" {
		t.Fatalf("London is %s", London)
	}
	for _, c := range []struct {
		utc  string
		want string
	}{
		{"2025-06-30T23:30:00Z", "2025-07-01"}, // BST: already July in London
		{"2025-06-30T22:59:59Z", "2025-06-30"},
		{"2025-12-31T23:30:00Z", "2025-12-31"}, // GMT: the same as UTC
		{"2026-01-01T00:00:00Z", "2026-01-01"},
		{"2025-03-30T00:59:59Z", "2025-03-30"}, // the clocks go forward at 01:00 GMT
		{"2025-03-29T23:59:59Z", "2025-03-29"},
		{"2025-10-25T23:30:00Z", "2025-10-26"}, // still BST until 01:00 GMT on the 26th
	} {
		now, err := time.Parse(time.RFC3339, c.utc)
		if err != nil {
			t.Fatal(err)
		}
		if got := todayAt(now).String(); got != c.want {
			t.Errorf("today at %s = %s, want %s", c.utc, got, c.want)
		}
	}
}

// On a machine with no zone files (a slim container), London still loads,
// from the zone database built into the binary: the test binary is run again
// with /usr/share/zoneinfo hidden behind an empty folder, in a mount
// namespace of its own. Before time/tzdata was linked in, this fell back to
// UTC and gave June 30th at 23:30 UTC as the 30th.
func TestLondonWithoutSystemZoneFiles(t *testing.T) {
	if os.Getenv("OVERSIGHT_ZONE_CHILD") != "" {
		zoneChild()
		return
	}
	t.Parallel()
	unshare, err := exec.LookPath("unshare")
	if err != nil {
		t.Skip("needs unshare(1) to hide the system's zone files")
	}
	if err := exec.Command(unshare, "-r", "-m", "true").Run(); err != nil {
		t.Skipf("cannot make a mount namespace here (%v): the zone files cannot be hidden", err)
	}
	empty := t.TempDir()
	var mounts []string
	for _, dir := range []string{"/usr/share/zoneinfo", "/usr/share/lib/zoneinfo", "/usr/lib/locale/TZ", "/etc/zoneinfo"} {
		if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
			mounts = append(mounts, "mount --bind "+empty+" "+dir)
		}
	}
	script := strings.Join(append(mounts, `exec "$0" -test.run '^TestLondonWithoutSystemZoneFiles$' -test.v`), " && ")
	cmd := exec.Command(unshare, "-r", "-m", "sh", "-c", script, os.Args[0])
	// Go also looks in $GOROOT/lib/time/zoneinfo.zip, which a deployed
	// binary's machine does not have either.
	cmd.Env = append(withoutEnv(os.Environ(), "ZONEINFO", "TZ", "GOROOT"), "GOROOT="+empty, "OVERSIGHT_ZONE_CHILD=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	for _, want := range []string{"zone files hidden", "London Europe/London +3600 2025-07-01"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("child output lacks %q:\n%s", want, out)
		}
	}
}

// zoneChild reports, in the child of TestLondonWithoutSystemZoneFiles, that
// the zone files are hidden, and what London and today are there.
func zoneChild() {
	_, err1 := os.Stat(filepath.Join("/usr/share/zoneinfo", "Europe", "London"))
	_, err2 := os.Stat(filepath.Join(runtime.GOROOT(), "lib", "time", "zoneinfo.zip"))
	if err1 != nil && err2 != nil {
		fmt.Println("zone files hidden")
	}
	_, off := time.Date(2025, 7, 1, 12, 0, 0, 0, London).Zone()
	now := time.Date(2025, 6, 30, 23, 30, 0, 0, time.UTC)
	fmt.Printf("London %s %+d %s\n", London, off, todayAt(now))
}

func withoutEnv(env []string, names ...string) []string {
	var out []string
	for _, kv := range env {
		keep := true
		for _, n := range names {
			if strings.HasPrefix(kv, n+"=") {
				keep = false
			}
		}
		if keep {
			out = append(out, kv)
		}
	}
	return out
}
