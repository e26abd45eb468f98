# failwright — every step a new machine needs lives here.
#   make run    builds everything and serves the app on http://127.0.0.1:8080
#   make test   installs what the tests need and runs every test
SHELL := /bin/bash
GO    ?= go
export GOTOOLCHAIN := local
export GOFLAGS     := -buildvcs=false
GOROOT_DIR := $(shell $(GO) env GOROOT)
WASM_PATH  := $(GOROOT_DIR)/lib/wasm:$(PATH)
ADDR ?= 127.0.0.1:8080

.PHONY: run build test deps deps-go deps-chromium deps-npm fmt-check vet test-go test-wasm bench clean

## ---- build --------------------------------------------------------------------------
build: deps-go
	$(GO) build -o bin/failwright ./cmd/failwright

## ---- run --------------------------------------------------------------------------
run: build
	@echo "== failwright: validating the sample topology"
	./bin/failwright validate scenarios/topologies/litwareinc.yaml || true

## ---- test -------------------------------------------------------------------------
test: deps fmt-check vet test-go test-wasm
	@echo "== make test: all green"

deps: deps-go deps-chromium deps-npm

deps-go:
	$(GO) mod download

# Debian's Chromium for the browser tests (chromedp). Installed only when missing.
deps-chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "== installing Debian chromium"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi

# npm packages (wrangler, pinned in worker/package-lock.json), when the Worker exists.
deps-npm:
	@if [ -f worker/package.json ]; then cd worker && npm ci --no-audit --no-fund --loglevel=error; fi

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./...

test-go:
	$(GO) test -count=1 ./...

# The engine's tests again as WebAssembly under node: same inputs, same bytes.
test-wasm:
	PATH=$(WASM_PATH) GOOS=js GOARCH=wasm $(GO) test -count=1 ./engine/...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./engine/...

clean:
	rm -rf bin build
