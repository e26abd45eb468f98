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

.PHONY: mod-check test-wasm-stack run build test deps deps-go deps-chromium deps-npm fmt-check vet test-go test-wasm bench clean web web-generate web-check screenshots test-web-wasm

## ---- build --------------------------------------------------------------------------
build: deps-go web
	$(GO) build -o bin/failwright ./cmd/failwright

## ---- run --------------------------------------------------------------------------
# The web app, embedded in the CLI, on $(ADDR). Nothing else to install.
run: build
	./bin/failwright serve --addr $(ADDR)

## ---- test -------------------------------------------------------------------------
test: deps fmt-check mod-check web-check vet test-go test-wasm test-wasm-stack test-web-wasm
	@echo "== make test: all green"

deps: deps-go deps-chromium deps-npm

deps-go:
	$(GO) mod download

# Debian's Chromium for the browser tests (chromedp), and poppler-utils (pdftotext, pdfinfo)
# to read the PDFs they print the reports to. Installed only when missing.
deps-chromium:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/pdftotext ]; then \
	  echo "== installing Debian chromium and poppler-utils"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium poppler-utils >/dev/null; \
	fi

# npm packages: wrangler (pinned in worker/package-lock.json), when the Worker exists; the
# independent PowerShell grammar the tests parse every generated script with (pinned in
# internal/testkit/pwsh/package-lock.json; its .wasm needs no install script).
deps-npm:
	@if [ -f worker/package.json ]; then cd worker && npm ci --no-audit --no-fund --loglevel=error; fi
	cd internal/testkit/pwsh && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	  if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

# go.mod and go.sum are exactly what 'go mod tidy' makes: direct requirements are not marked
# indirect, and nothing unused is listed.
mod-check:
	@$(GO) mod tidy -diff || { echo "go.mod/go.sum are not tidy: run go mod tidy"; exit 1; }

vet:
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./...

# The browser tests (web/browsertest) load the app embedded from web/assets: build it first.
test-go: web
	$(GO) test -count=1 ./...

# The engine's tests again as WebAssembly under node: same inputs, same bytes.
test-wasm:
	PATH=$(WASM_PATH) GOOS=js GOARCH=wasm $(GO) test -count=1 ./engine/...

# The decoders' hostile-input tests (a 60,000-key flat mapping) as WebAssembly under node with
# V8's default stack, as a browser and the Worker run them: go_js_wasm_exec's larger
# --stack-size would hide a stack overflow (docs/security.md).
test-wasm-stack:
	sh engine/decode/testdata/v8-default-stack.sh

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./engine/...

clean:
	rm -rf bin build

## ---- web (browser app: wasm/, web/, index.html) ----------------------------------------
WEB_OUT    := build/web
WEB_EMBED  := web/assets/public
WEB_SRC    := $(shell find wasm web -name '*.go' -o -name '*.vugu' -o -name '*.css' -o -name '*.js' 2>/dev/null) index.html
UI_GEN     := web/ui/0_components_gen.go

# The components' generated Build functions are long runs of vugu calls (AppendChild and the
# like): inlining those (which the compiler does once a Build function is small enough) made
# app.wasm about 95 KB gzip larger and rendering no faster, so vugu is compiled without
# inlining for the page (its functions are then called, not copied into every Build). So is the
# shell's cmdlet catalog and parser (engine/shell: 21 KB gzip less; its tables are built once and
# its parser runs once per typed line). The components (web/ui) keep inlining: without it they
# were 19 KB smaller but each render took 3-4 ms longer (TestPerformance, 2026-12-06). The
# topology model is compiled without inlining too (engine/topology: 34 KB gzip less, which the
# recovery parts' forms and diagram of issue 18 took): the page runs its validation once per edit,
# after the frame that shows the edit, and it took about 30% longer natively on large.yaml (3.7 to 5 ms).
# The simulator, the feature rules and the workspace follow (47 KB gzip less, which issue 18's
# per-feature simulator took): a shell command runs the simulator once, within its 50 ms budget.
# The page's own components follow vugu (19 KB less, which issue 19's reports and issue 18's
# per-feature view took): most of web/ui is vugu's generated builders.
PAGE_GCFLAGS := -gcflags='github.com/vugu/vugu=-l' -gcflags='failwright/engine/shell=-l' -gcflags='failwright/engine/topology=-l' \
	-gcflags='failwright/engine/sim=-l' -gcflags='failwright/engine/features=-l' -gcflags='failwright/web/workspace=-l' \
	-gcflags='failwright/web/ui=-l'
# build/web/: index.html, app.wasm(.gz) (the page), engine.wasm(.gz) (the engine worker that
# runs scenarios and plans), wasm_exec.js, vugu-helper.js (vugu's DOM helper as a file, so that
# the Content-Security-Policy needs no 'unsafe-eval': web/internal/vuguhelper), boot.js,
# engine.js, sw.js (the offline copy), app.css, favicon.svg. The same files (minus the
# uncompressed wasm) are copied into web/assets/public for the CLI to embed.
web: $(UI_GEN)
	@mkdir -p $(WEB_OUT) $(WEB_EMBED)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' $(PAGE_GCFLAGS) -o $(WEB_OUT)/app.wasm ./wasm
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $(WEB_OUT)/engine.wasm ./wasm/engine
	gzip -9 -n -c $(WEB_OUT)/app.wasm > $(WEB_OUT)/app.wasm.gz
	gzip -9 -n -c $(WEB_OUT)/engine.wasm > $(WEB_OUT)/engine.wasm.gz
	cp $(GOROOT_DIR)/lib/wasm/wasm_exec.js web/static/vugu-helper.js web/static/boot.js web/static/engine.js web/static/sw.js web/static/app.css web/static/favicon.svg $(WEB_OUT)/
	sed "s/__WASM_SIZE__/$$(stat -c %s $(WEB_OUT)/app.wasm)/" index.html > $(WEB_OUT)/index.html
	cd $(WEB_OUT) && cp index.html app.wasm.gz engine.wasm.gz wasm_exec.js vugu-helper.js boot.js engine.js sw.js app.css favicon.svg $(CURDIR)/$(WEB_EMBED)/
	@echo "== web: app.wasm $$(stat -c %s $(WEB_OUT)/app.wasm) bytes, gzip $$(stat -c %s $(WEB_OUT)/app.wasm.gz) bytes; engine.wasm gzip $$(stat -c %s $(WEB_OUT)/engine.wasm.gz) bytes"

# The vugu components' Go code is generated and committed (so go vet works on a clean clone);
# web/ui/doc.go's go:generate runs web/internal/vugumin, which runs vugugen.
$(UI_GEN): $(wildcard web/ui/*.vugu)
	cd web/ui && $(GO) generate . && gofmt -w $(notdir $(UI_GEN))
	@touch $@

web-generate:
	cd web/ui && $(GO) generate . && gofmt -w $(notdir $(UI_GEN))
	$(GO) run ./web/internal/vuguhelper web/static/vugu-helper.js

# Fails when the committed generated code is stale (someone edited a .vugu file and did not
# regenerate). web/internal/vugumin drops the indentation between sibling elements from a copy
# of the templates before vugugen compiles them (about 28 KB less gzip in app.wasm).
web-check:
	@$(GO) run ./web/internal/vugumin -check web/ui
	@$(GO) run ./web/internal/vuguhelper -check web/static/vugu-helper.js

## ---- worker (Cloudflare Worker: worker/, docs/api.md, docs/deploy.md) ---------------------
WORKER_OUT  := build/worker
WORKER_SITE := build/worker-site
WRANGLER_ENV := WRANGLER_SEND_METRICS=false CI=true CLOUDFLARE_CF_FETCH_ENABLED=false
.PHONY: worker worker-dev worker-size

# build/worker/: the Worker's wasm and its JavaScript loader (workers-assets-gen);
# build/worker-site/: the web app from build/web (when built) and worker/_headers.
worker: deps-go
	$(GO) tool workers-assets-gen -mode=go -o $(WORKER_OUT)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags='-s -w' -o $(WORKER_OUT)/app.wasm ./worker
	rm -rf $(WORKER_SITE) && mkdir -p $(WORKER_SITE)
	@if [ -d $(WEB_OUT) ]; then find $(WEB_OUT) -maxdepth 1 -type f ! -name '*.gz' -exec cp {} $(WORKER_SITE)/ \; ; \
	  else echo "== worker: no $(WEB_OUT) (run 'make web'): serving the API only"; fi
	cp worker/_headers $(WORKER_SITE)/_headers
	@echo "== worker: app.wasm $$(stat -c %s $(WORKER_OUT)/app.wasm) bytes, gzip $$(gzip -9 -c $(WORKER_OUT)/app.wasm | wc -c) bytes"

# The app and the API on http://127.0.0.1:8787 with a local D1 under worker/.wrangler/state:
# no Cloudflare account needed. The web app is built before the Worker copies it, even
# under make -j.
worker-dev: deps-npm
	$(MAKE) web
	$(MAKE) worker
	cd worker && $(WRANGLER_ENV) npx wrangler d1 migrations apply DB --local
	cd worker && $(WRANGLER_ENV) npx wrangler dev --ip 127.0.0.1 --port 8787 --inspector-port 0 --show-interactive-dev-session=false

# What Cloudflare would count against its Worker size limits (docs/deploy.md): a dry-run
# deploy, no account needed.
worker-size: deps-npm
	$(MAKE) web
	$(MAKE) worker
	cd worker && $(WRANGLER_ENV) npx wrangler deploy --dry-run --outdir $(CURDIR)/build/worker-dry-run | grep -E 'Total Upload|assets directory'

## ---- scenarios (scenarios/, docs/scenarios.md) ---------------------------------------------
.PHONY: scenarios
# Runs every scenario of the library on the simulator and prints the reports (they also run as
# Go tests in make test).
scenarios: deps-go
	$(GO) run ./cmd/failwright run scenarios/*.yaml

# Rewrites docs/screenshots/*.png from the browser tests (the README shows them).
screenshots: web deps-chromium
	$(GO) test -count=1 ./web/browsertest -run 'Readme|Journey|Plan|Scenarios|Performance|Damaged|Timeline|Analysis|EditorForms' -args -screenshots

## ---- analysis (engine/analysis, failwright analyze, docs/analysis.md) ----------------------
.PHONY: analysis-firstrun
# The engine worker's first N-2 analysis of large.yaml against its second, as WebAssembly under
# node, without and with the warm-up the page sends at load (docs/performance.md, "First run
# against second"). Each is a fresh process: the first analysis must be the process's first.
analysis-firstrun: deps-go
	@for warm in false true; do PATH=$(WASM_PATH) GOOS=js GOARCH=wasm $(GO) test -count=1 -run TestFirstAnalysisAgainstSecond -v ./web/engine/ -args -firstrun -firstrun.warm=$$warm | grep PERF; done

.PHONY: analysis-bench
# N-1/N-2 benchmarks natively on 1 and 2 cores, then as WebAssembly under node, in one run (three
# counts each), and the WebAssembly/native ratio of BenchmarkN2Large from the best of each
# (docs/performance.md, "Failure analysis").
analysis-bench: deps-go
	@$(GO) test -run '^$$' -bench . -benchtime 20x -count 3 -benchmem -cpu 1,2 ./engine/analysis/ | tee /tmp/failwright-analysis-native.txt
	@PATH=$(WASM_PATH) GOOS=js GOARCH=wasm $(GO) test -run '^$$' -bench . -benchtime 20x -count 3 -benchmem ./engine/analysis/ | tee /tmp/failwright-analysis-wasm.txt
	@n=$$(awk '$$1=="BenchmarkN2Large-2"{print $$3}' /tmp/failwright-analysis-native.txt | sort -n | head -1); \
	  w=$$(awk '$$1=="BenchmarkN2Large"{print $$3}' /tmp/failwright-analysis-wasm.txt | sort -n | head -1); \
	  awk -v n="$$n" -v w="$$w" 'BEGIN{printf "N2Large (best of 3): native (2 cores) %.1f ms, wasm %.1f ms, ratio %.2fx\n", n/1e6, w/1e6, w/n}'
	@awk 'FNR==NR && $$1 ~ /^BenchmarkN2LargePhases\/[a-z]+$$/ {if (!($$1 in n) || $$3 < n[$$1]) n[$$1]=$$3; next} \
	  $$1 ~ /^BenchmarkN2LargePhases\// {if (!($$1 in w) || $$3 < w[$$1]) w[$$1]=$$3} \
	  END {for (k in n) printf "  phase %-8s native (1 core) %5.2f ms, wasm %5.2f ms, ratio %.1fx\n", substr(k, 24), n[k]/1e6, w[k]/1e6, w[k]/n[k]}' \
	  /tmp/failwright-analysis-native.txt /tmp/failwright-analysis-wasm.txt

.PHONY: wasm-cost
# What code shapes cost as Go WebAssembly under node against native code, on this machine
# (internal/wasmcost; docs/performance.md, "Failure analysis"): best of three of each.
wasm-cost: deps-go
	@$(GO) test -run '^$$' -bench . -benchtime 20000x -count 3 -cpu 1 ./internal/wasmcost/ > /tmp/failwright-wasmcost-native.txt
	@PATH=$(WASM_PATH) GOOS=js GOARCH=wasm $(GO) test -run '^$$' -bench . -benchtime 20000x -count 3 ./internal/wasmcost/ > /tmp/failwright-wasmcost-wasm.txt
	@printf "%-24s %12s %12s %7s\n" shape "native ns" "wasm ns" ratio
	@awk 'FNR==NR && /^Benchmark/ {if (!($$1 in n) || $$3 < n[$$1]) n[$$1]=$$3; next} \
	  /^Benchmark/ {if (!($$1 in w) || $$3 < w[$$1]) w[$$1]=$$3} \
	  END {for (k in n) printf "%-24s %12.0f %12.0f %6.1fx\n", substr(k, 10), n[k], w[k], w[k]/n[k]}' \
	  /tmp/failwright-wasmcost-native.txt /tmp/failwright-wasmcost-wasm.txt | sort

# The workspace model and the components' tests again as WebAssembly under node, as the page
# runs them.
test-web-wasm:
	PATH=$(WASM_PATH) GOOS=js GOARCH=wasm $(GO) test -count=1 ./web/workspace ./web/ui
