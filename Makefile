# Loa — two commands on a fresh Debian machine with Swift 6.3: `make demo` and `make test`.
SWIFT    ?= swift
DATABASE ?= loa.sqlite
PORT     ?= 8080
PREFIX   ?= /usr/local
LOA      := .build/debug/loa
APT_PACKAGES := pkg-config libcmark-dev libsqlite3-dev
SUDO_HINT := apt-get update && apt-get install -y $(APT_PACKAGES)

.PHONY: deps build demo test release install bench clean

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

## release: the optimised `loa` for real use, at .build/release/loa. The Swift runtime and Foundation are
## linked in (--static-swift-stdlib) and the site theme is compiled in, so the one file runs on a Debian 12
## machine without Swift: it needs only the libcmark and SQLite libraries (libcmark0.30.2, libsqlite3-0).
## Linked in, the runtime's symbols are not looked up at every start either: `loa --help` takes 9-14 ms
## against 14-21 ms. The benchmark and crash-test scripts build `loa` with this target, so they measure what
## is installed.
release: deps
	$(SWIFT) build -c release --static-swift-stdlib --product loa

## install: `make release`, then copy loa to $(PREFIX)/bin.
install: release
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 .build/release/loa $(DESTDIR)$(PREFIX)/bin/loa

## bench: release builds of the benchmark programs; they print figures (see README).
bench: release
	$(SWIFT) run -c release --package-path Benchmarks store-benchmark

clean:
	rm -rf .build build $(DATABASE) $(DATABASE)-wal $(DATABASE)-shm
