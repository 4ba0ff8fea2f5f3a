# folio - Markdown article collections to EPUB 3 and print PDF.
#
#   make            build build/folio
#   make deps       install the Debian packages the build and the tests need (only what is missing)
#   make example    deps, build, export examples/ to EPUB and PDF in examples/out/
#   make check      deps, build, run every test (tests/run)
#   make check-readers  the EPUB in Chromium and WebKitGTK at two widths, with corpus books (tests/readers.sh)
#   make bench      time folio against pandoc and WeasyPrint on a generated collection
#   make install    PREFIX=/usr/local DESTDIR=
#   make check-asan the unit tests, the whole suite and the fuzz corpora under ASan+UBSan (build-asan/);
#                   ASAN_TESTS=NAMES runs only those of tests/run; make check-asan-ci, the subset CI runs
#   make fuzz       the libFuzzer targets of tests/fuzz/ (needs clang; build-fuzz/); make fuzz-run runs them

PREFIX   ?= /usr/local
BINDIR    = $(PREFIX)/bin
DATADIR   = $(PREFIX)/share/folio
MANDIR    = $(PREFIX)/share/man/man1
BASHCOMPDIR = $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  = $(PREFIX)/share/zsh/vendor-completions
CC       ?= cc
CXX      ?= g++
PKGS      = libcmark-gfm libxml-2.0 libzip yaml-0.1 glib-2.0 gio-2.0 pango pangocairo pangoft2 \
            cairo cairo-pdf harfbuzz harfbuzz-subset fontconfig gdk-pixbuf-2.0 libwebp libwebpdemux libpng zlib libdeflate \
            json-glib-1.0 tomlplusplus
# Compiled against, not linked: opened when first needed (a download; base/dynlib.c),
# by the sonames of the libraries compiled against (build/gen/sonames.h).
LOADED_PKGS = libcurl
# The program's allocator: gperftools' tcmalloc. Pages are set on one thread and drawn and freed on
# another; glibc's arenas take a lock for each such free (the big bench book took an eighth longer on
# two cores, a tenth on one). Linked whatever the linker's --as-needed (nothing calls it by name);
# the sanitizer and fuzz builds keep their own.
MALLOC_LIBS = -Wl,--push-state,--no-as-needed $(shell pkg-config --libs libtcmalloc_minimal 2>/dev/null || echo -ltcmalloc_minimal) -Wl,--pop-state
CFLAGS   ?= -O2 -g
WARN      = -std=c11 -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wformat=2
DEPFLAGS  = -MMD -MP
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) $(LOADED_PKGS) 2>/dev/null)
# libhyphen (hyphenation in the PDF, text/hyphen.c; the hyphen-* packages hold its patterns) has no pkg-config file.
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcmark-gfm-extensions -lhyphen -lstdc++ -lm -lpthread
ALL_CFLAGS = $(WARN) $(CFLAGS) -D_GNU_SOURCE -DFOLIO_DATADIR='"$(DATADIR)"' $(PKG_CFLAGS) -Ibuild/gen
# The one C++ file (book/toml.cc: toml++ has no C interface) and what it may use.
CXXWARN    = -std=c++17 -Wall -Wextra -Wno-unused-parameter -Wshadow
ALL_CXXFLAGS = $(CXXWARN) $(CFLAGS) -D_GNU_SOURCE $(PKG_CFLAGS)
# Emoji codes (:smile:) as Hugo reads them: its table (kyokomi/emoji, Debian's Go source package),
# turned into a C header at build time; nothing of it is copied into src/.
EMOJI_GO   = /usr/share/gocode/src/github.com/kyokomi/emoji/v2/emoji_codemap.go

# Debian packages: to build, to test, and to benchmark.
BUILD_DEBS = gcc g++ make pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev libxml2-dev \
             libzip-dev libyaml-dev libglib2.0-dev libpango1.0-dev libcairo2-dev \
             libharfbuzz-dev libfontconfig-dev libcurl4-openssl-dev libgdk-pixbuf-2.0-dev \
             libwebp-dev libpng-dev librsvg2-common zlib1g-dev libdeflate-dev icc-profiles-free \
             fonts-noto-cjk fonts-noto-core fonts-noto-mono fonts-dejavu-core \
             fonts-symbola fonts-unifont fonts-arphic-ukai fonts-hanazono libtomlplusplus-dev libjson-glib-dev \
             golang-github-kyokomi-emoji-dev libgoogle-perftools-dev libhyphen-dev hyphen-en-us hyphen-en-gb \
             hyphen-fr hyphen-de hyphen-es hyphen-it hyphen-pt-pt hyphen-pt-br hyphen-ru
# TEST_DEBS: every tool tests/ calls. Beside the validators: unzip (five suites read EPUBs with it),
# bsdutils (script: the digest's terminal test), util-linux (flock), coreutils (timeout, mkfifo,
# mknod, sha256sum, od), diffutils (cmp, diff), findutils, mawk (awk); most come with any Debian.
# mandoc: the manual page's lint; zsh: its completion, tried in a real zsh; parallel (GNU parallel):
# four folio batch shards at once (tests/batch.sh) and the bench's one-process-per-book run;
# python3-fonttools: the EPUB's embedded font subsets, read back; strace: the files an EPUB run
# creates beside the book (tests/outputs.sh); gdb: who opens each font face (tests/threads.sh).
TEST_DEBS  = epubcheck default-jre-headless poppler-utils qpdf mupdf-tools python3 python3-fitz python3-pikepdf \
             python3-lxml python3-markdown-it python3-yaml python3-fonttools time unzip bsdutils util-linux coreutils \
             diffutils findutils mawk mandoc zsh hugo \
             chromium python3-websocket python3-gi python3-gi-cairo gir1.2-gtk-3.0 gir1.2-webkit2-4.1 \
             xvfb xauth python3-pil fontconfig parallel strace gdb
BENCH_DEBS = pandoc weasyprint

SRC   = $(sort $(shell find src -name '*.c'))
CXXSRC = $(sort $(shell find src -name '*.cc'))
LIBSRC = $(filter-out src/main.c,$(SRC))
OBJ   = $(LIBSRC:src/%.c=build/obj/%.o) $(CXXSRC:src/%.cc=build/obj/%.o)
UNIT_SRC = $(sort $(wildcard tests/unit/*.c))
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=build/tests/%)

.PHONY: all deps deps-bench example check check-readers bench install uninstall clean check-asan check-asan-ci \
        fuzz fuzz-run
all: build/folio

build/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Isrc $(DEPFLAGS) -c $< -o $@

build/obj/%.o: src/%.cc
	@mkdir -p $(@D)
	$(CXX) $(ALL_CXXFLAGS) -Isrc $(DEPFLAGS) -c $< -o $@

# "code", "emoji" pairs sorted by code (C locale) for a binary search (text/emoji.c).
build/gen/emoji_codes.h: $(EMOJI_GO)
	@mkdir -p $(@D)
	LC_ALL=C sed -n 's/^[[:space:]]*"\(:[^"]*:\)":[[:space:]]*"\([^"]*\)",$$/\1\t\2/p' $< | LC_ALL=C sort -t '	' -k1,1 -u \
	  | awk -F '\t' '{ printf "\t{ \"%s\", \"%s\" },\n", $$1, $$2 }' >$@.tmp && mv $@.tmp $@

build/obj/text/emoji.o build-asan/obj/text/emoji.o build-fuzz/obj/text/emoji.o: build/gen/emoji_codes.h

# FOLIO_CURL_SONAME: what dlopen asks for, read from the -dev packages' libraries.
build/gen/sonames.h: Makefile
	@mkdir -p $(@D)
	for p in $(LOADED_PKGS); do \
	  so=$$(objdump -p "$$(pkg-config --variable=libdir $$p)/$$p.so" 2>/dev/null | awk '/SONAME/{print $$2}'); \
	  [ -n "$$so" ] || { echo "folio: no soname for $$p: is its -dev package installed (make deps)?" >&2; exit 1; }; \
	  echo "#define FOLIO_$$(echo $${p#lib} | tr a-z A-Z)_SONAME \"$$so\""; \
	done >$@.tmp && mv $@.tmp $@

$(foreach d,build build-asan build-fuzz,$(d)/obj/media/curl_lib.o): build/gen/sonames.h

build/libfolio.a: $(OBJ)
	rm -f $@
	ar rcs $@ $(OBJ)

# The program's own definitions of library functions, which the libraries' calls reach (cairo_zlib:
# zlib's deflateInit_; cairo_cff: FreeType's FT_Load_Sfnt_Table; cairo_glyphs: Cairo's cairo_show_*;
# cairo_printf: glibc's __snprintf_chk). Nothing in the program calls them, so they are linked as
# objects: taken from the archive, they would be left out (tests/pdf.sh checks the bindings).
STANDINS = format/pdf/cairo_zlib format/pdf/cairo_cff format/pdf/cairo_glyphs format/pdf/cairo_printf

build/folio: build/obj/main.o $(STANDINS:%=build/obj/%.o) build/libfolio.a
	$(CC) $(LDFLAGS) -o $@ build/obj/main.o $(STANDINS:%=build/obj/%.o) build/libfolio.a $(MALLOC_LIBS) $(PKG_LIBS)

build/tests/%: tests/unit/%.c build/libfolio.a | build/tests
	$(CC) $(ALL_CFLAGS) -Isrc $(LDFLAGS) -o $@ $< build/libfolio.a $(PKG_LIBS)

build/tests:
	mkdir -p $@

-include $(OBJ:.o=.d) build/obj/main.d

# Installs only what is missing; runs apt-get update first, and only then.
deps:
	@missing=""; for p in $(BUILD_DEBS) $(TEST_DEBS) $(EXTRA_DEBS); do \
	  dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' \
	    || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "folio: installing Debian packages:$$missing"; \
	  sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	  $$sudo apt-get update -q && \
	  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -q --no-install-recommends $$missing; \
	fi

deps-bench:
	@$(MAKE) --no-print-directory deps EXTRA_DEBS="$(BENCH_DEBS)"

example: deps
	@$(MAKE) --no-print-directory build/folio
	mkdir -p examples/out
	build/folio examples -o examples/out/examples.epub
	build/folio examples -o examples/out/examples.pdf
	@echo "wrote examples/out/examples.epub and examples/out/examples.pdf"

check: deps
	@$(MAKE) --no-print-directory build/folio $(UNIT_BIN)
	tests/run

# The real-reader harness in full: both widths, and books of corpus articles (tests/readers/corpus.txt).
CORPUS ?= $(firstword $(wildcard ../shared/corpus /work/shared/corpus) ../shared/corpus)
check-readers: deps
	@$(MAKE) --no-print-directory build/folio
	READERS_FULL=1 CORPUS=$(CORPUS) tests/run readers

bench: deps-bench
	@$(MAKE) --no-print-directory build/folio
	tests/bench/run

install: build/folio
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/templates $(DESTDIR)$(DATADIR)/fonts \
	  $(DESTDIR)$(MANDIR) $(DESTDIR)$(BASHCOMPDIR) $(DESTDIR)$(ZSHCOMPDIR)
	install -m 755 build/folio $(DESTDIR)$(BINDIR)/folio
	install -m 644 templates/* $(DESTDIR)$(DATADIR)/templates/
	install -m 644 fonts/* $(DESTDIR)$(DATADIR)/fonts/
	install -m 644 src/cli/folio.1 $(DESTDIR)$(MANDIR)/folio.1
	install -m 644 src/cli/completions/folio.bash $(DESTDIR)$(BASHCOMPDIR)/folio
	install -m 644 src/cli/completions/_folio $(DESTDIR)$(ZSHCOMPDIR)/_folio

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/folio $(DESTDIR)$(MANDIR)/folio.1 $(DESTDIR)$(BASHCOMPDIR)/folio \
	  $(DESTDIR)$(ZSHCOMPDIR)/_folio
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-asan build-fuzz examples/out

# ---- Sanitizers and fuzzing: never part of `make` or `make check` ----------------------------
# check-asan: folio, the unit tests and the fuzz targets (with tests/fuzz/replay.c for a main, so
# any compiler will do) built with ASan+UBSan into build-asan/; tests/run against them, then every
# committed fuzz input replayed. Reports go to build-asan/log/; any report fails the run. Leaks
# inside font and image libraries' caches are suppressed by tests/lsan.supp (never folio's own).
# ASAN_TESTS names what tests/run runs (unit and script names; empty: everything); the fuzz
# replays always run. CI_ASAN_TESTS is CI's share: the unit tests and the scripts that drive the
# readers and both writers quickly, and parakeep (a batch's paragraphs kept past their book).
# Measured on the shared 2-core machine: the whole suite under ASan took 11 min (hostile alone 5,
# digest, pdf, completion, epub and images about 1 each); this subset 8.4 min with the replays and
# the build of build-asan/ on a clean clone (2026-12-08).
ASAN_TESTS    ?=
CI_ASAN_TESTS  = unit cjk cli outputs model select hold manual epub pdf threads parakeep
SAN_FLAGS  = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined,float-cast-overflow -fno-sanitize-recover=all
SAN_CFLAGS = $(WARN) $(SAN_FLAGS) -D_GNU_SOURCE -DFOLIO_DATADIR='"$(DATADIR)"' $(PKG_CFLAGS) -Ibuild/gen
SAN_OBJ    = $(LIBSRC:src/%.c=build-asan/obj/%.o) $(CXXSRC:src/%.cc=build-asan/obj/%.o)
SAN_UNIT   = $(UNIT_SRC:tests/unit/%.c=build-asan/tests/%)
FUZZ_SRC   = $(sort $(wildcard tests/fuzz/fuzz_*.c))
FUZZ_NAMES = $(FUZZ_SRC:tests/fuzz/%.c=%)
SAN_REPLAY = $(FUZZ_NAMES:%=build-asan/replay/%)
SAN_ENV    = ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0:log_path=$(CURDIR)/build-asan/log/asan \
             UBSAN_OPTIONS=print_stacktrace=1:log_path=$(CURDIR)/build-asan/log/ubsan \
             LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0

build-asan/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(SAN_CFLAGS) -Isrc $(DEPFLAGS) -c $< -o $@

build-asan/obj/%.o: src/%.cc
	@mkdir -p $(@D)
	$(CXX) $(CXXWARN) $(SAN_FLAGS) -D_GNU_SOURCE $(PKG_CFLAGS) -Isrc $(DEPFLAGS) -c $< -o $@

build-asan/libfolio.a: $(SAN_OBJ)
	rm -f $@
	ar rcs $@ $(SAN_OBJ)

build-asan/folio: build-asan/obj/main.o $(STANDINS:%=build-asan/obj/%.o) build-asan/libfolio.a
	$(CC) $(SAN_FLAGS) $(LDFLAGS) -o $@ build-asan/obj/main.o $(STANDINS:%=build-asan/obj/%.o) build-asan/libfolio.a \
	  $(PKG_LIBS)

build-asan/tests/%: tests/unit/%.c build-asan/libfolio.a | build-asan/tests
	$(CC) $(SAN_CFLAGS) -Isrc $(LDFLAGS) -o $@ $< build-asan/libfolio.a $(PKG_LIBS)

build-asan/replay/%: tests/fuzz/%.c tests/fuzz/fuzz.h tests/fuzz/replay.c build-asan/libfolio.a | build-asan/replay
	$(CC) $(SAN_CFLAGS) -Isrc -DFUZZ_DATADIR='"$(CURDIR)"' $(LDFLAGS) -o $@ $< tests/fuzz/replay.c \
	  build-asan/libfolio.a $(PKG_LIBS)

build-asan/tests build-asan/replay:
	mkdir -p $@

-include $(SAN_OBJ:.o=.d) build-asan/obj/main.d

check-asan: deps
	@$(MAKE) -s --no-print-directory build-asan/folio $(SAN_UNIT) $(SAN_REPLAY)
	@rm -rf build-asan/log && mkdir -p build-asan/log
	@echo "check-asan: tests/run against build-asan/folio"
	@$(SAN_ENV) FOLIO_BIN=$(CURDIR)/build-asan/folio FOLIO_UNIT_DIR=build-asan/tests HOSTILE_SCALE=0.1 tests/run $(ASAN_TESTS); \
	status=$$?; \
	for t in $(FUZZ_NAMES); do echo "== replay $$t"; \
	  $(SAN_ENV) build-asan/replay/$$t tests/fuzz/corpus/$$t || status=1; done; \
	if ls build-asan/log/* >/dev/null 2>&1; then \
	  echo "check-asan: sanitizer reports (full text in build-asan/log/):"; \
	  grep -h -A3 -E '^(SUMMARY|==[0-9]+==ERROR)|runtime error' build-asan/log/* | head -80; status=1; \
	else echo "check-asan: no sanitizer reports"; fi; \
	exit $$status

check-asan-ci:
	@$(MAKE) --no-print-directory check-asan ASAN_TESTS="$(CI_ASAN_TESTS)"

# fuzz: libFuzzer targets (clang only). fuzz-run: each for FUZZ_SECONDS on a working copy of its
# corpus (build-fuzz/corpus/NAME, seeded from tests/fuzz/corpus/NAME); crashes in build-fuzz/crashes/.
FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 60
FUZZ_FLAGS    = -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS   = $(WARN) $(FUZZ_FLAGS) -D_GNU_SOURCE -DFOLIO_DATADIR='"$(DATADIR)"' $(PKG_CFLAGS) -Ibuild/gen
FUZZ_CXX     ?= clang++
FUZZ_OBJ      = $(LIBSRC:src/%.c=build-fuzz/obj/%.o) $(CXXSRC:src/%.cc=build-fuzz/obj/%.o)
FUZZ_BIN      = $(FUZZ_NAMES:%=build-fuzz/%)

build-fuzz/obj/%.o: src/%.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Isrc -fsanitize=fuzzer-no-link $(DEPFLAGS) -c $< -o $@

build-fuzz/obj/%.o: src/%.cc
	@mkdir -p $(@D)
	$(FUZZ_CXX) $(CXXWARN) $(FUZZ_FLAGS) -D_GNU_SOURCE $(PKG_CFLAGS) -Isrc -fsanitize=fuzzer-no-link $(DEPFLAGS) -c $< -o $@

build-fuzz/libfolio.a: $(FUZZ_OBJ)
	rm -f $@
	ar rcs $@ $(FUZZ_OBJ)

build-fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz.h build-fuzz/libfolio.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -fsanitize-link-c++-runtime -Isrc -DFUZZ_DATADIR='"$(CURDIR)"' $(LDFLAGS) -o $@ $< \
	  build-fuzz/libfolio.a $(PKG_LIBS)

-include $(FUZZ_OBJ:.o=.d)

fuzz:
	@command -v $(FUZZ_CC) >/dev/null || { echo "make fuzz needs clang with libFuzzer (FUZZ_CC=$(FUZZ_CC))"; exit 1; }
	@$(MAKE) --no-print-directory $(FUZZ_BIN)

fuzz-run: fuzz
	@for t in $(FUZZ_NAMES); do \
	  mkdir -p build-fuzz/corpus/$$t build-fuzz/crashes/$$t; \
	  dict=; [ -f tests/fuzz/$$t.dict ] && dict=-dict=tests/fuzz/$$t.dict; \
	  echo "== fuzz $$t for $(FUZZ_SECONDS)s"; \
	  ASAN_OPTIONS=fast_unwind_on_malloc=0 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	  build-fuzz/$$t build-fuzz/corpus/$$t tests/fuzz/corpus/$$t $$dict -max_total_time=$(FUZZ_SECONDS) \
	    -timeout=20 -close_fd_mask=2 -print_final_stats=1 -artifact_prefix=build-fuzz/crashes/$$t/ \
	    $(FUZZ_ARGS) || exit 1; \
	done

-include Makefile.local
