# Oversight Explorer. The two commands a new user needs:
#   make run    build everything and serve on http://localhost:8000 (PORT=… to change)
#   make test   every test, browser tests included

PORT ?= 8000
GO ?= go
WASM_FLAGS = -trimpath -ldflags="-s -w"
# Brotli at 11 takes about 30 s on the WebAssembly (2 cores), once per change
# (unchanged files are skipped); BROTLI_QUALITY=5 is quicker while developing.
BROTLI_QUALITY ?= 11
STATIC_OUT ?= dist
BASE_URL ?= http://localhost:8000

.PHONY: run build wasm server compress static test check check-content vet chromium axe lighthouse icons clean loadtest loadtest-live bench bench-map

run: build
	./bin/oversight serve -addr :$(PORT)

build: wasm server compress

# The browser side: WebAssembly with no server code in it (build tags here
# and in third_party/go-app); the tour reader, which the app starts only to
# read an imported tour; and the labs' simulations, which run in a Web
# Worker started when a lab's page opens.
wasm:
	GOOS=js GOARCH=wasm $(GO) build $(WASM_FLAGS) -o web/app.wasm ./cmd/oversight
	GOOS=js GOARCH=wasm $(GO) build $(WASM_FLAGS) -o web/tourreader.wasm ./cmd/tourreader
	GOOS=js GOARCH=wasm $(GO) build $(WASM_FLAGS) -o web/labs.wasm ./cmd/labworker

server:
	$(GO) build -trimpath -o bin/oversight ./cmd/oversight

# Precompressed copies (.br, .gz) that the server sends by Accept-Encoding.
compress: wasm server
	./bin/oversight compress -quality $(BROTLI_QUALITY) web

# The whole app as a folder for any static host (see README).
static: wasm server
	./bin/oversight static -out $(STATIC_OUT) -web web -base-url $(BASE_URL)

test: vet check-content chromium axe
	$(GO) test -count=1 -timeout 30m ./...

# The content checker: every fault in content/ with its file and line, and
# the numbers of its map.
check-content: server
	./bin/oversight check content

# Then the numbers of a generated 200-concept map. make test leaves this to
# tools/mapperf's test, which lays out and checks the same map.
check: check-content
	$(GO) run ./tools/mapperf -check -checker bin/oversight

vet:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' | grep -v '^third_party/go-app/')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./app ./kb/... ./mapgeom ./search ./localdata ./content ./cmd/... ./tools/bench/hello

# Browser tests need Debian's Chromium: install it if we can, or say how.
chromium:
	@./tools/ensure-chromium.sh

# The accessibility checker the browser tests run in each page.
axe:
	@./tools/ensure-axe.sh

# Lighthouse, which make bench runs on the app and its baselines.
lighthouse:
	@./tools/ensure-lighthouse.sh

icons:
	./tools/icons/render.sh

# Load on loopback: the app against a plain http.FileServer over the same
# bytes, 50 connections for 30 s in all, beside the targets of issue 22; a
# burst of 300 clients opening the map; the app's memory before and after a
# flood of 100,000 new query strings (at most 1 min). Shorter:
# make loadtest LOADTEST_FLAGS="-duration=6s -flood-time=20s"
loadtest: build
	$(GO) run ./tools/loadtest -bin bin/oversight -web web $(LOADTEST_FLAGS)

# Live classes under load on loopback: 50 rooms × 40 students, in memory and
# then through two instances over NATS (figures, not a test).
loadtest-live:
	$(GO) run ./tools/loadtest-live $(LOADTEST_LIVE_FLAGS)

# Start-up against go-app's hello world and a static page, built and served in
# one run: FCP, interactive and bytes on three networks, the repeat visit, the
# ratios to the targets (JSON in .artifacts/bench/); Lighthouse's four scores
# and total blocking time, mobile and desktop, on three pages of the app and
# the baselines' first pages (-lighthouse-runs 0 skips it); the input delay
# of taps while the app starts, CPU 4× slower (-input-delay=false skips it).
# About 25 minutes; quicker: make bench BENCH_FLAGS="-runs 1 -profiles loopback"
bench: build chromium lighthouse
	$(GO) run ./tools/bench -quality $(BROTLI_QUALITY) $(BENCH_FLAGS)

# How the map responds in Chromium (hover, click, wheel), with the real
# content and a generated map of 200 concepts: medians and their ratio.
bench-map: chromium
	$(GO) run ./tools/mapperf $(MAPPERF_FLAGS)

clean:
	rm -rf bin web/*.wasm web/*.br web/*.gz web/.compressed.json .artifacts $(STATIC_OUT)
