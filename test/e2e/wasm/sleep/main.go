// Command sleep is a WASI (GOOS=wasip1) test module for log following and stop
// tests. It prints "started", then prints "tick <n>" once a second for the
// number of seconds given as its first argument (default 600), then "done".
package main

import (
	"fmt"
	"os"
	"strconv"
	"time"
)

func main() {
	seconds := 600
	if len(os.Args) > 1 {
		n, err := strconv.Atoi(os.Args[1])
		if err != nil || n < 0 {
			fmt.Fprintf(os.Stderr, "sleep: invalid seconds %q\n", os.Args[1])
			os.Exit(2)
		}
		seconds = n
	}
	fmt.Println("started")
	for i := 1; i <= seconds; i++ {
		time.Sleep(time.Second)
		fmt.Printf("tick %d\n", i)
	}
	fmt.Println("done")
}
