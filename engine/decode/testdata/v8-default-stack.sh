#!/bin/sh
# v8-default-stack.sh runs the WebAssembly tests of the decoding kit and of the two decoders
# under node with V8's default stack (984 KB), not the 8 MB that Go's go_js_wasm_exec asks
# for, as a browser runs the engine: a 60,000-key flat mapping must decode without a stack
# overflow. Run from the module root: sh engine/decode/testdata/v8-default-stack.sh
set -e
exec_js="$(go env GOROOT)/lib/wasm/wasm_exec_node.js"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
for pkg in ./engine/decode ./engine/topofile ./scenarios; do
	bin="$tmp/$(basename "$pkg").test.wasm"
	GOOS=js GOARCH=wasm go test -c -o "$bin" "$pkg"
	# As go_js_wasm_exec does, but without --stack-size. The test binary runs in the package
	# directory, where its testdata is.
	out="$(cd "$pkg" && node "$exec_js" "$bin" -test.run 'FlatMapping' -test.count=1 -test.v 2>&1)" || {
		printf '%s\n' "$out" | tail -20
		echo "FAIL $pkg under V8's default stack"
		exit 1
	}
	# A package whose flat-mapping test moved away would pass without running it: refuse that.
	printf '%s\n' "$out" | grep -E '^--- PASS' || { echo "FAIL $pkg has no FlatMapping test"; exit 1; }
	echo "ok   $pkg under V8's default stack"
done
