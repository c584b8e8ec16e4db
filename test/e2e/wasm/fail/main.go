// Command fail is a WASI (GOOS=wasip1) test module that prints one line to
// stderr and exits with code 3.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Println("about to fail")
	fmt.Fprintln(os.Stderr, "fail: something went wrong")
	os.Exit(3)
}
