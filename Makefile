# Trellis — two commands: `make site` builds the sample site into output/,
# `make test` runs every test. Each installs what it needs when missing.

PREFIX ?= /usr/local
SWIFT ?= swift
# Building needs cmark-gfm, libdeflate and jemalloc (and libxml2 for the release build, which links
# Foundation's XML reader in); the tests also need the validators and renderers they run.
BUILD_PACKAGES = libcmark-gfm-dev libcmark-gfm-extensions-dev libdeflate-dev libjemalloc-dev libxml2-dev pkg-config
TEST_PACKAGES = weasyprint epubcheck poppler-utils chromium chromium-driver linkchecker default-jre-headless python3-pip
CHECKS = .build/site-checks

.PHONY: format format-lint site test unit-tests site-checks build release install deps test-deps check bench fuzz sanitize clean dist dist-test dist-bench

deps:
	@scripts/ensure-deps $(BUILD_PACKAGES)

test-deps: deps
	@scripts/ensure-deps $(TEST_PACKAGES)
	@scripts/ensure-pip

build: deps
	$(SWIFT) build

# The release build links the Swift runtime and Foundation in (--static-swift-stdlib), with
# stand-ins for the libcurl that Foundation's unused networking asks for: every call into the
# runtime (each retain and release) is then a direct call, and start-up loads 15 shared
# libraries instead of 60. A build takes about 5% less time (docs/performance.md, session 13).
# The C libraries (cmark-gfm, libdeflate, jemalloc, libxml2) stay shared.
STAND_INS = $(CURDIR)/.build/stand-ins
release: deps
	scripts/curl-stand-in $(STAND_INS)
	$(SWIFT) build -c release --product trellis --static-swift-stdlib -Xlinker -L$(STAND_INS)

## make site: the sample site in output/
site: release
	.build/release/trellis build --content content --output output --templates templates

check: build
	.build/debug/trellis check --content content

## make test: unit and end-to-end tests, then the validators on real output
# The preview-server tests run on their own: other suites block threads
# while they wait for child processes, which would starve the server.
# The standalone binary has its own check, `make dist-test` (below): it
# needs two release builds first, which would triple the time of this suite.
test: test-deps format-lint
	$(SWIFT) test --skip ServerTests
	$(SWIFT) test --filter ServerTests
	$(MAKE) site-checks

## make format: the code formatted as .swift-format says; make format-lint
## fails on any difference (part of make test)
format:
	$(SWIFT) format format --in-place --recursive --parallel Sources Tests

format-lint:
	$(SWIFT) format lint --strict --recursive --parallel Sources Tests

unit-tests: deps
	$(SWIFT) test --skip ServerTests
	$(SWIFT) test --filter ServerTests

# Nu HTML checker, linkchecker, axe-core, offline and weight checks on the
# sample site (with PDF handbooks) and on a generated corpus; first-load,
# search and filter transfer on the sample and on 5,000 generated practices.
site-checks: build
	rm -rf $(CHECKS) && mkdir -p $(CHECKS)
	.build/debug/trellis build --pdf --content content --output $(CHECKS)/sample
	scripts/check-site $(CHECKS)/sample
	scripts/make-test-corpus $(CHECKS)/corpus-content
	.build/debug/trellis build --content $(CHECKS)/corpus-content --output $(CHECKS)/corpus
	scripts/check-site $(CHECKS)/corpus
	scripts/check-scale $(CHECKS)/sample
	scripts/make-test-corpus $(CHECKS)/scale-content --practices 5000 --modules 20
	.build/debug/trellis build --content $(CHECKS)/scale-content --output $(CHECKS)/scale
	scripts/check-scale $(CHECKS)/scale

## make bench: Trellis against Hugo and the cmark-gfm floor (prints a table)
bench: release
	@scripts/ensure-deps hugo cmark-gfm time
	scripts/bench --runs 3 --scale

## make fuzz: libFuzzer on the document parser (FUZZ_SECONDS, default 600)
FUZZ_SECONDS ?= 600
# FUZZ_INPUT=markdown or import fuzzes one input kind; empty fuzzes both.
FUZZ_INPUT ?=
fuzz: deps
	$(SWIFT) build -c release --product trellis-fuzz --scratch-path .build-fuzz \
	  -Xswiftc -sanitize=fuzzer,address -Xswiftc -DTRELLIS_FUZZ
	mkdir -p .build-fuzz/corpus .build-fuzz/artifacts
	TRELLIS_FUZZ_INPUT=$(FUZZ_INPUT) .build-fuzz/release/trellis-fuzz .build-fuzz/corpus Tests/Fuzz/seeds -max_len=65536 -timeout=10 \
	  -rss_limit_mb=4096 -max_total_time=$(FUZZ_SECONDS) -artifact_prefix=.build-fuzz/artifacts/ -print_final_stats=1

## make sanitize: the test suite under AddressSanitizer
sanitize: deps
	LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/lsan-suppressions.txt \
	  $(SWIFT) test --sanitize=address --scratch-path .build-asan --skip ServerTests
	LSAN_OPTIONS=suppressions=$(CURDIR)/scripts/lsan-suppressions.txt \
	  $(SWIFT) test --sanitize=address --scratch-path .build-asan --filter ServerTests

## make dist: a standalone binary (Swift runtime, Foundation and cmark-gfm
## linked in) as dist/trellis-<version>-linux-<arch>.tar.gz and
## dist/trellis_<version>_<arch>.deb; its own build in .build-static
DIST_PACKAGES = binutils dpkg-dev python3 man-db
dist: deps
	@scripts/ensure-deps $(DIST_PACKAGES)
	scripts/make-dist

## make dist-test: unpack both, build the sample with no toolchain around,
## check ldd, compare with the release build's site
dist-test: dist release
	@scripts/ensure-deps python3-yaml curl
	scripts/dist-test

## make dist-bench: start-up and sample build time, standalone against the release build
dist-bench: dist release
	@scripts/ensure-deps hyperfine
	scripts/dist-bench

install: release
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 .build/release/trellis $(DESTDIR)$(PREFIX)/bin/trellis

clean:
	rm -rf .build output
