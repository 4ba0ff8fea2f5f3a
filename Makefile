# folio - Markdown article collections to EPUB 3 and print PDF.
#
#   make            build build/folio
#   make deps       install the Debian packages the build and the tests need (only what is missing)
#   make example    deps, build, export examples/ to EPUB and PDF in examples/out/
#   make check      deps, build, run every test (tests/run)
#   make bench      time folio against pandoc and WeasyPrint on a generated collection
#   make install    PREFIX=/usr/local DESTDIR=

PREFIX   ?= /usr/local
BINDIR    = $(PREFIX)/bin
DATADIR   = $(PREFIX)/share/folio
CC       ?= cc
PKGS      = libcmark-gfm libxml-2.0 libzip yaml-0.1 glib-2.0 gio-2.0 pango pangocairo pangoft2 \
            cairo cairo-pdf harfbuzz fontconfig libcurl gdk-pixbuf-2.0 libwebp libwebpdemux zlib
CFLAGS   ?= -O2 -g
WARN      = -std=c11 -Wall -Wextra -Wno-unused-parameter -Wshadow -Wstrict-prototypes \
            -Wmissing-prototypes -Wformat=2
DEPFLAGS  = -MMD -MP
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lcmark-gfm-extensions -lm -lpthread
ALL_CFLAGS = $(WARN) $(CFLAGS) -D_GNU_SOURCE -DFOLIO_DATADIR='"$(DATADIR)"' $(PKG_CFLAGS)

# Debian packages: to build, to test, and to benchmark.
BUILD_DEBS = gcc make pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev libxml2-dev \
             libzip-dev libyaml-dev libglib2.0-dev libpango1.0-dev libcairo2-dev \
             libharfbuzz-dev libfontconfig-dev libcurl4-openssl-dev libgdk-pixbuf-2.0-dev \
             libwebp-dev librsvg2-common zlib1g-dev fonts-noto-cjk fonts-noto-core fonts-noto-mono \
             fonts-symbola fonts-unifont
TEST_DEBS  = epubcheck default-jre-headless poppler-utils qpdf mupdf-tools python3 python3-fitz \
             python3-lxml python3-markdown-it python3-yaml time
BENCH_DEBS = pandoc weasyprint

SRC   = $(sort $(wildcard src/*.c))
LIBSRC = $(filter-out src/main.c,$(SRC))
OBJ   = $(LIBSRC:src/%.c=build/obj/%.o)
UNIT_SRC = $(sort $(wildcard tests/unit/*.c))
UNIT_BIN = $(UNIT_SRC:tests/unit/%.c=build/tests/%)

.PHONY: all deps deps-bench example check bench install uninstall clean
all: build/folio

build/obj/%.o: src/%.c | build/obj
	$(CC) $(ALL_CFLAGS) $(DEPFLAGS) -c $< -o $@

build/libfolio.a: $(OBJ)
	rm -f $@
	ar rcs $@ $(OBJ)

build/folio: build/obj/main.o build/libfolio.a
	$(CC) $(LDFLAGS) -o $@ build/obj/main.o build/libfolio.a $(PKG_LIBS)

build/tests/%: tests/unit/%.c build/libfolio.a | build/tests
	$(CC) $(ALL_CFLAGS) -Isrc $(LDFLAGS) -o $@ $< build/libfolio.a $(PKG_LIBS)

build/obj build/tests:
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

bench: deps-bench
	@$(MAKE) --no-print-directory build/folio
	tests/bench/run

install: build/folio
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/templates $(DESTDIR)$(DATADIR)/fonts
	install -m 755 build/folio $(DESTDIR)$(BINDIR)/folio
	install -m 644 templates/* $(DESTDIR)$(DATADIR)/templates/
	install -m 644 fonts/* $(DESTDIR)$(DATADIR)/fonts/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/folio
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build examples/out

-include Makefile.local
