// Command hello is a WASI (GOOS=wasip1) test module for Bacalhau's wasm engine.
//
// Stdout: "hello from wasm", then each argument on its own line, then
// "GREETING=<value>" if the GREETING environment variable is set.
// Stderr: "hello on stderr".
// Files: /outputs/greeting.txt ("greetings from wasm\n") and /outputs/data.txt
// ("data line 1\ndata line 2\n"). Exit code 0.
//
// The job must declare a ResultPath whose Name is "outputs": Bacalhau's wasm
// executor mounts each result directory at its Name (the Path is ignored).
// Sub-directories cannot be created inside a result directory: the wasm
// executor's writable filesystem (touchfs behind wazero's fs.FS adapter)
// has no mkdir, so only flat files are written here.
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Println("hello from wasm")
	for _, arg := range os.Args[1:] {
		fmt.Println(arg)
	}
	if v, ok := os.LookupEnv("GREETING"); ok {
		fmt.Printf("GREETING=%s\n", v)
	}
	fmt.Fprintln(os.Stderr, "hello on stderr")

	write("/outputs/greeting.txt", "greetings from wasm\n")
	write("/outputs/data.txt", "data line 1\ndata line 2\n")
}

func write(path, content string) {
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		fmt.Fprintf(os.Stderr, "write %s: %v\n", path, err)
		os.Exit(2)
	}
}
