# Oversight Explorer. The two commands a new user needs:
#   make run    build everything and serve on http://localhost:8000 (PORT=… to change)
#   make test   every test, browser tests included

PORT ?= 8000
GO ?= go
WASM_FLAGS = -trimpath -ldflags="-s -w"

.PHONY: run build wasm server test check vet chromium icons clean

run: build
	./bin/oversight serve -addr :$(PORT)

build: wasm server

# The browser side: WebAssembly with no server code in it (build tags).
wasm:
	GOOS=js GOARCH=wasm $(GO) build $(WASM_FLAGS) -o web/app.wasm ./cmd/oversight

server:
	$(GO) build -trimpath -o bin/oversight ./cmd/oversight

test: vet check chromium
	$(GO) test -count=1 ./...

# The content checker: every fault in content/ with its file and line.
check: server
	./bin/oversight check content

vet:
	@unformatted=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change: $$unformatted"; exit 1; fi
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./app ./kb ./content ./cmd/...

# Browser tests need Debian's Chromium: install it if we can, or say how.
chromium:
	@./tools/ensure-chromium.sh

icons:
	./tools/icons/render.sh

clean:
	rm -rf bin web/app.wasm .artifacts
