// The module's one rule of layout: imports run one way, cmd -> jobs ->
// outputs -> analysis, so each layer can be read, tested and changed
// without the ones above it. A package may import its own layer and those
// below, never one above; fixtures (test data and its generator) sits
// beside analysis and may import only it. The golden-file helper
// (fixtures/golden) imports nothing of the module, so the tests of every
// layer may use it.
package oversight_test

import (
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/oversight/oversight/"

// goldenHelper is the test-only golden-file helper every layer's tests use.
const goldenHelper = module + "fixtures/golden"

// layers ranks the top-level folders; a package imports only packages of
// its own rank or lower (fixtures is imported by tests above it, and
// imports analysis alone).
var layers = map[string]int{"analysis": 0, "fixtures": 1, "outputs": 2, "jobs": 3, "cmd": 4}

func layerOf(t *testing.T, pkg string) (string, int) {
	top, _, _ := strings.Cut(strings.TrimPrefix(pkg, module), "/")
	rank, ok := layers[top]
	if !ok {
		t.Errorf("package %s is in no layer: add its top-level folder %q to layers (and the README's Layout)", pkg, top)
	}
	return top, rank
}

// TestImportDirection checks every package of the module: what its code
// needs, directly or through others (go list -deps), and what its tests
// import directly.
func TestImportDirection(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", "{{.ImportPath}}|{{join .Deps \" \"}}|{{join .TestImports \" \"}} {{join .XTestImports \" \"}}", "./...").Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			t.Fatalf("go list: %v\n%s", err, ee.Stderr)
		}
		t.Fatalf("go list: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 10 {
		t.Fatalf("go list gave %d packages: %s", len(lines), out)
	}
	for _, line := range lines {
		parts := strings.SplitN(line, "|", 3)
		if len(parts) != 3 {
			t.Fatalf("go list line %q", line)
		}
		pkg := parts[0]
		if pkg+"/" == module {
			continue // this test
		}
		top, rank := layerOf(t, pkg)
		check := func(how string, deps string) {
			for _, dep := range strings.Fields(deps) {
				if !strings.HasPrefix(dep, module) || dep == pkg {
					continue
				}
				if dep == goldenHelper && how == "(tests) imports" {
					continue
				}
				if pkg == goldenHelper {
					t.Errorf("%s depends on %s: the golden-file helper imports nothing of the module", goldenHelper, dep)
				}
				depTop, depRank := layerOf(t, dep)
				if depRank > rank || (top == "fixtures" && depTop != "fixtures" && depTop != "analysis") {
					t.Errorf("%s %s %s: %s may not import %s", strings.TrimPrefix(pkg, module), how, strings.TrimPrefix(dep, module), top, depTop)
				}
			}
		}
		check("depends on", parts[1])
		check("(tests) imports", parts[2])
	}
}
