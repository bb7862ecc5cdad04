package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// errSameFile is returned when -o names one of the command's inputs.
var errSameFile = errors.New("is also an input; write the output elsewhere")

// writeFile writes data to path the way -o promises:
//
//   - atomically: the data goes to a new temporary file in path's folder,
//     is synced, and is renamed over path, so a reader (or a crash) sees
//     the old file or the new one, never half of one;
//   - over the name, not through it: when path is a symbolic link, the
//     link itself is replaced by the new file and its target is left
//     untouched (the rename replaces the directory entry);
//   - never over an input: when path is the same file as one of inputs
//     (compared by device and inode, so another name or a link to it counts),
//     nothing is written and the error says so.
//
// A new file gets mode 0644; a regular file that is replaced keeps its
// mode.
func writeFile(path string, data []byte, inputs []string) error {
	if out, err := os.Stat(path); err == nil {
		for _, in := range inputs {
			if st, err := os.Stat(in); err == nil && os.SameFile(out, st) {
				return fmt.Errorf("output %s: %w", path, errSameFile)
			}
		}
	}
	mode := fs.FileMode(0o644)
	if st, err := os.Lstat(path); err == nil && st.Mode().IsRegular() {
		mode = st.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return fmt.Errorf("writing output: %w", err)
	}
	name := tmp.Name()
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Chmod(mode)
	}
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(name, path)
	}
	if err != nil {
		os.Remove(name)
		return fmt.Errorf("writing output: %w", err)
	}
	return nil
}
