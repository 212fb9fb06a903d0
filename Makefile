# Trellis — two commands: `make site` builds the sample site into output/,
# `make test` runs every test. Each installs what it needs when missing.

PREFIX ?= /usr/local
SWIFT ?= swift
APT_PACKAGES = libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config

.PHONY: site test build release install deps check clean

deps:
	@./scripts/ensure-deps $(APT_PACKAGES)

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

site: release
	.build/release/trellis build --content content --output output --templates templates

check: build
	.build/debug/trellis check --content content

test: deps
	$(SWIFT) test

install: release
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 .build/release/trellis $(DESTDIR)$(PREFIX)/bin/trellis

clean:
	rm -rf .build output
