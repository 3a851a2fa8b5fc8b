# Loa — two commands on a fresh Debian machine with Swift 6.3: `make demo` and `make test`.
SWIFT    ?= swift
DATABASE ?= loa.sqlite
PORT     ?= 8080
LOA      := .build/debug/loa
APT_PACKAGES := pkg-config libcmark-dev libsqlite3-dev
SUDO_HINT := apt-get update && apt-get install -y $(APT_PACKAGES)

.PHONY: deps build demo test bench clean

## deps: install the Debian packages the build needs, only when something is missing.
deps:
	@if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists libcmark && [ -f /usr/include/sqlite3.h ]; then \
		exit 0; \
	elif [ "$$(id -u)" = "0" ]; then \
		echo "Installing $(APT_PACKAGES) ..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(APT_PACKAGES) >/dev/null; \
	else \
		echo "Missing system libraries. Run as root:"; \
		echo "  sudo sh -c '$(SUDO_HINT)'"; \
		exit 1; \
	fi

build: deps
	$(SWIFT) build --product loa

## demo: build, then run the main job on the default corpus.
demo: build
	LOA=$(LOA) DATABASE=$(DATABASE) PORT=$(PORT) scripts/demo.sh

test: deps
	$(SWIFT) test

## bench: release builds of the benchmark programs; they print figures (see README).
bench: deps
	$(SWIFT) build -c release --product loa
	$(SWIFT) run -c release --package-path Benchmarks store-benchmark

clean:
	rm -rf .build build $(DATABASE) $(DATABASE)-wal $(DATABASE)-shm
