# Thin wrapper over CMake presets. `make run` and `make test` first install whatever
# Debian 12 packages are missing, so both work on a fresh machine.

BUILD_PACKAGES := cmake ninja-build g++ qt6-base-dev qcoro-qt6-dev qt6-httpserver-dev \
                  qt6-charts-dev libqt6opengl6-dev qtkeychain-qt6-dev libqt6sql6-sqlite libqt6svg6 libdtl-dev \
                  nlohmann-json3-dev libjemalloc-dev libcurl4-openssl-dev libssl-dev \
                  libsqlite3-dev libjq-dev libxml2-dev libpcre2-dev libyaml-cpp-dev pkg-config
# libqt6opengl6-dev: Qt Charts' CMake package needs Qt6OpenGL, which qt6-charts-dev does not pull in.
# libqt6svg6: the window draws its SVG icon with it.
# nlohmann-json3-dev: the inspector reads JSON answers with it, keeping the server's key order.
# libjemalloc-dev: the programs allocate with jemalloc, which serves Qt's threads better.
# libcurl4-openssl-dev: the engine fetches through libcurl's multi interface (docs/engine.md).
# libssl-dev: client certificates and certificate authorities are checked before a run (core/network).
# libsqlite3-dev: the history's hot inserts use SQLite's own API on Qt SQL's connection.
# libjq-dev, libxml2-dev, libpcre2-dev: expectations and extracted columns in jq, XPath and
# regular expressions (core/inspect); pkg-config finds PCRE2.
# libyaml-cpp-dev: OpenAPI and Swagger descriptions written in YAML (core/import).
# Only the tests need these: a private session bus for the taskbar progress test; Python, the HAR
# schema, a JSON Schema checker, xmllint and junitparser, which read the exports back; an X
# server with a system tray (Xvfb, trayer) for the window's tray test; GNU parallel, which runs
# salvo-cli's shards as people run them past one machine (tst_salvocliimport); python3-yaml,
# which reads the Kubernetes Job of packaging/scale-out as a cluster would (scale_out_recipes).
TEST_PACKAGES := dbus-daemon python3 node-har-schema python3-jsonschema python3-rfc3987 libxml2-utils \
                 python3-junitparser xvfb xauth trayer x11-utils parallel python3-yaml \
                 squid nginx openssl
# What `make package` needs to make the .deb (dpkg-shlibdeps, file) and to check it.
PACKAGE_PACKAGES := dpkg-dev file lintian desktop-file-utils appstream
# What the installer check needs: a clean Debian root, and netpbm for its screenshot.
INSTALLER_PACKAGES := mmdebstrap netpbm
# The sanitizer build and the fuzz targets: clang and its runtimes (ASan, UBSan, libFuzzer).
SANITIZER_PACKAGES := clang libclang-rt-14-dev
BENCH_PACKAGES := nginx libnginx-mod-http-echo curl openssl time iproute2

# -Werror in CI only, so a newer compiler's new warning never stops a user's build.
CMAKE_CONFIGURE := cmake --preset dev -DSALVO_WERROR=$(if $(CI),ON,OFF)

.PHONY: test-asan build-asan fuzz sanitizer-deps all deps test-deps bench-deps package-deps installer-deps configure build test run package \
        installer-check bench screenshots format clean

all: build

deps:
	@.ci/install-packages $(BUILD_PACKAGES)

test-deps:
	@.ci/install-packages $(TEST_PACKAGES)

bench-deps:
	@.ci/install-packages $(BENCH_PACKAGES)

package-deps:
	@.ci/install-packages $(PACKAGE_PACKAGES)

sanitizer-deps:
	@.ci/install-packages $(SANITIZER_PACKAGES)

installer-deps:
	@.ci/install-packages $(INSTALLER_PACKAGES)

configure: deps
	@$(CMAKE_CONFIGURE) >/dev/null

build: configure
	@cmake --build --preset dev

test: build test-deps
	@ctest --preset dev

# Every test again, built by clang with AddressSanitizer and UndefinedBehaviorSanitizer
# (build-asan/, which also holds the fuzz targets). A finding stops the test that made it.
# UBSan's "function" check is off: clang 14 cannot compile it for coroutines ("Cannot represent
# a difference across sections", llvm/llvm-project#49689).
ASAN_ENV := ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
            UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
            LSAN_OPTIONS=suppressions=$(CURDIR)/tests/support/lsan.supp

build-asan: deps test-deps sanitizer-deps
	@cmake --preset asan -DSALVO_WERROR=$(if $(CI),ON,OFF) >/dev/null
	@cmake --build --preset asan

test-asan: build-asan
	@$(ASAN_ENV) ctest --preset asan

# Each libFuzzer target for FUZZ_SECONDS (two at a time), from its seed corpus; a failing input
# is kept in build-asan/fuzz-artifacts/ (see tests/fuzz/run-fuzzers).
FUZZ_SECONDS ?= 60
fuzz: build-asan
	@tests/fuzz/run-fuzzers build-asan $(FUZZ_SECONDS)

# The dashboard (its empty window offers "Try a sample batch"); without a display, the sample
# batch through salvo-cli, whose exit status 1 only says the sample has failures on purpose.
run: build
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
		build/bin/salvo; \
	else \
		echo "No display found: running the sample batch with salvo-cli instead."; \
		build/bin/salvo-cli --sample || [ $$? -eq 1 ]; \
	fi

# The Debian package, from the same build (stripped), checked by lintian, desktop-file-validate
# and appstreamcli; packaging/linux/check-deb then installs it into a clean Debian 12.
package: build package-deps
	@rm -f build/salvo_*.deb
	@cd build && cpack -G DEB >/dev/null && ls -1 "$$PWD"/salvo_*.deb
	@packaging/linux/lint-deb build/salvo_*.deb

# The package installed into a clean Debian 12, used there and purged (packaging/linux/check-deb);
# then proof that the check fails for a package missing a dependency it needs.
installer-check: package installer-deps
	@packaging/linux/check-deb build/salvo_*.deb build/installed-window.png
	@packaging/linux/check-deb --without libqt6sql6-sqlite build/salvo_*.deb

bench: build bench-deps
	@tests/bench/run-benchmarks

# The README's screenshots, rendered offscreen from the real window.
screenshots: build
	@QT_QPA_PLATFORM=offscreen build/tests/take-screenshots docs

format:
	@git ls-files '*.cpp' '*.h' | xargs clang-format -i

clean:
	@rm -rf build
