# oversight: `make run` builds and runs the monthly report on the bundled
# fixtures into out/; `make test` runs every test.

VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)
BIN := bin/oversight
GO ?= go
# The bundled fixtures: findings read from the seed documents, and the real
# Ofsted and DfE data imported into findings (see fixtures/README.md).
FIXTURES := fixtures/findings
OUT ?= out
AS_OF ?=

.PHONY: build run test vet fuzz bench clean

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/oversight

run: build
	./$(BIN) run --findings $(FIXTURES) --out $(OUT) $(if $(AS_OF),--as-of $(AS_OF))

vet:
	$(GO) vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { echo "gofmt needed:"; gofmt -l $$(git ls-files '*.go'); exit 1; }

test: vet
	$(GO) test ./...

# A short fuzz run of the row parser and each reader (CI runs this too).
FUZZTIME ?= 10s
fuzz:
	@echo "fuzz targets are added with the intake hardening work"

bench: build
	@echo "benchmarks are added with the performance work"

clean:
	rm -rf bin $(OUT)
