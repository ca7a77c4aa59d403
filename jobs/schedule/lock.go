package schedule

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/oversight/oversight/outputs/publish"
)

// The scheduler's locks are outputs/publish's: an flock(2) on a file that
// names its holder (process id first), dropped by the kernel even after
// kill -9; the same lock every command takes on its output folder.

// LockRoot takes ROOT/.oversight-schedule.lock for a scheduler's lifetime;
// a second scheduler on the same root is refused, naming the holder.
func LockRoot(root string) (*publish.Lock, error) {
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, fmt.Errorf("create root %s: %w", root, err)
	}
	l, err := publish.TryLock(filepath.Join(root, RootLockName))
	var held *publish.LockedError
	if errors.As(err, &held) {
		return nil, fmt.Errorf("another scheduler is running on %s (%s holds %s): stop it first, or give these jobs another root", root, held.Who(), held.Path)
	}
	return l, err
}
