//go:build !(js && wasm)

// Command engine is the browser app's engine worker; it only runs as WebAssembly in a Web
// Worker (make web builds it).
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Fprintln(os.Stderr, "engine: this program runs in the browser's engine worker; build it with 'make web'")
	os.Exit(2)
}
