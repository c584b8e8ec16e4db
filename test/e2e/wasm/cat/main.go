// Command cat is a WASI (GOOS=wasip1) test module that copies each file named
// by its arguments to stdout (useful to check input sources). A directory
// argument lists its entries, one per line, instead. A missing path is
// reported on stderr and gives exit code 1.
package main

import (
	"fmt"
	"io"
	"os"
)

func main() {
	code := 0
	for _, path := range os.Args[1:] {
		if err := show(path); err != nil {
			fmt.Fprintf(os.Stderr, "cat: %s: %v\n", path, err)
			code = 1
		}
	}
	os.Exit(code)
}

func show(path string) error {
	info, err := os.Stat(path)
	if err != nil {
		return err
	}
	if info.IsDir() {
		entries, err := os.ReadDir(path)
		if err != nil {
			return err
		}
		for _, e := range entries {
			fmt.Println(e.Name())
		}
		return nil
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(os.Stdout, f)
	return err
}
