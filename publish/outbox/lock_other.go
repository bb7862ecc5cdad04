//go:build !unix

package outbox

// lockFile has no lock off Unix: the jobs of a dead process wait for
// River's rescuer (RescueAfter) instead of being made available at start.
func (o *Outbox) lockFile() error { return nil }

func (o *Outbox) unlockFile() {}

func migrateLockFile(string) (func(), error) { return func() {}, nil }
