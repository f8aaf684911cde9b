// Command testsummary reads `go test -json` on stdin, prints the output of
// failed tests and packages, and closes with one line that counts the
// tests (subtests included): "sqlite: 812 passed, 0 failed, 4 skipped".
// It exits non-zero when anything failed or no test ran.
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"sort"
	"strings"
)

type event struct {
	Action  string
	Package string
	Test    string
	Output  string
}

func main() {
	label := flag.String("db", "tests", "label of the closing line")
	flag.Parse()
	passed, failed, skipped := 0, 0, 0
	output := map[string]*strings.Builder{}
	var failures []string
	sc := bufio.NewScanner(os.Stdin)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for sc.Scan() {
		var e event
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			fmt.Println(sc.Text()) // build errors arrive as plain text
			continue
		}
		key := e.Package + " " + e.Test
		switch e.Action {
		case "output":
			b := output[key]
			if b == nil {
				b = &strings.Builder{}
				output[key] = b
			}
			b.WriteString(e.Output)
		case "pass":
			if e.Test != "" {
				passed++
			}
			delete(output, key)
		case "skip":
			if e.Test != "" {
				skipped++
			}
			delete(output, key)
		case "fail":
			if e.Test != "" {
				failed++
			}
			failures = append(failures, key)
		}
	}
	sort.Strings(failures)
	for _, k := range failures {
		fmt.Printf("--- FAIL %s\n", k)
		if b := output[k]; b != nil {
			fmt.Print(b.String())
		}
	}
	fmt.Printf("%s: %d passed, %d failed, %d skipped\n", *label, passed, failed, skipped)
	if failed > 0 || len(failures) > 0 || passed == 0 {
		os.Exit(1)
	}
}
