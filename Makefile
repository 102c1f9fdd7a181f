# nass - one GNU make build: libnass, the tools, tests, man pages, install.
# User CC, CFLAGS, CPPFLAGS and LDFLAGS are respected; warnings are added
# separately (WARN) so they are never lost.

VERSION     = 0.1.0
SOVERSION   = 0

PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/bin
LIBDIR     ?= $(PREFIX)/lib
INCLUDEDIR ?= $(PREFIX)/include
DATADIR    ?= $(PREFIX)/share
MANDIR     ?= $(DATADIR)/man
PKGCONFIGDIR ?= $(LIBDIR)/pkgconfig
DESTDIR    ?=

CC         ?= cc
CFLAGS     ?= -O2 -g
WARN        = -Wall -Wextra -Werror -std=c99 -D_DEFAULT_SOURCE
PKG_CONFIG ?= pkg-config
DEPS        = yaml-0.1 libpcre2-8 libutf8proc
APT_DEPS    = build-essential pkg-config libyaml-dev libpcre2-dev libutf8proc-dev

ifeq ($(filter clean,$(MAKECMDGOALS)),)
DEPS_MISSING := $(shell for d in $(DEPS); do $(PKG_CONFIG) --exists $$d || echo $$d; done)
ifneq ($(DEPS_MISSING),)
$(error missing $(DEPS_MISSING); on Debian/Ubuntu: sudo apt-get install -y $(APT_DEPS))
endif
DEP_CFLAGS := $(shell $(PKG_CONFIG) --cflags $(DEPS))
DEP_LIBS   := $(shell $(PKG_CONFIG) --libs $(DEPS)) -lm
endif

# SANITIZE=1 builds everything apart, with ASan and UBSan.
ifeq ($(SANITIZE),1)
BUILD      = build/sanitize
BIN        = build/sanitize/bin
SAN        = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
else
BUILD      = build
BIN        = bin
SAN        =
endif

ALL_CFLAGS = $(CPPFLAGS) $(CFLAGS) $(WARN) $(SAN) $(DEP_CFLAGS) -Ilib -I$(BUILD)
LIB_CFLAGS = $(ALL_CFLAGS) -fPIC -fvisibility=hidden

LIB_SRC    = $(wildcard lib/*.c)
LIB_OBJ    = $(patsubst lib/%.c,$(BUILD)/lib/%.o,$(LIB_SRC)) $(BUILD)/lib/rules_blob.o
RULES      = $(shell find rules -type f \( -name '*.yaml' -o -name '*.txt' -o -name '*.tsv' \) | LC_ALL=C sort)
TOOLS      = normalize tokenize tag summarize
TOOL_BINS  = $(addprefix $(BIN)/,$(TOOLS))
UNIT_SRC   = $(wildcard tests/unit/test_*.c)
UNIT_BINS  = $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))
HEADERS    = $(wildcard lib/*.h)

.PHONY: all check bench eval demo install uninstall clean installcheck
all: $(TOOL_BINS) $(BUILD)/libnass.a $(BUILD)/libnass.so.$(VERSION) $(BUILD)/libnass.pc

include tests/fuzz/fuzz.mk

$(BUILD)/embed: tools/embed.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -o $@ $<

$(BUILD)/rules_blob.c: $(BUILD)/embed $(RULES)
	$(BUILD)/embed $@ rules/ $(RULES)

$(BUILD)/lib/rules_blob.o: $(BUILD)/rules_blob.c lib/rules.h
	@mkdir -p $(@D)
	$(CC) $(LIB_CFLAGS) -c -o $@ $<

$(BUILD)/lib/%.o: lib/%.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(LIB_CFLAGS) -c -o $@ $<

$(BUILD)/libnass.a: $(LIB_OBJ)
	rm -f $@
	$(AR) rcs $@ $^

$(BUILD)/libnass.so.$(VERSION): $(LIB_OBJ) lib/libnass.map
	$(CC) $(CFLAGS) $(SAN) $(LDFLAGS) -shared -Wl,-soname,libnass.so.$(SOVERSION) \
		-Wl,--version-script=lib/libnass.map -o $@ $(LIB_OBJ) $(DEP_LIBS)

$(BUILD)/libnass.pc: lib/libnass.pc.in Makefile
	sed -e 's|@PREFIX@|$(PREFIX)|; s|@LIBDIR@|$(LIBDIR)|; s|@INCLUDEDIR@|$(INCLUDEDIR)|; s|@VERSION@|$(VERSION)|' \
		lib/libnass.pc.in > $@

$(BUILD)/cmd/%.o: cmd/%.c cmd/cli.h lib/nass.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The tools link libnass statically (fast start-up) and include only nass.h.
$(BIN)/%: $(BUILD)/cmd/%.o $(BUILD)/cmd/cli.o $(BUILD)/libnass.a
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(SAN) $(LDFLAGS) -o $@ $^ $(DEP_LIBS)

$(BUILD)/tests/test_%: tests/unit/test_%.c tests/unit/check.h $(BUILD)/libnass.a
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -Itests/unit $(LDFLAGS) -o $@ $< $(BUILD)/libnass.a $(DEP_LIBS)

$(BUILD)/maxrss: tests/tools/maxrss.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -o $@ $<

check: all $(UNIT_BINS) $(BUILD)/maxrss $(FUZZ_REPLAY_BINS)
	@BIN=$(BIN) BUILD=$(BUILD) VALGRIND=$(VALGRIND) SANITIZE=$(SANITIZE) sh tests/run.sh

bench: all $(BUILD)/maxrss
	MAXRSS=$(BUILD)/maxrss NORMALIZE=$(BIN)/normalize tests/bench/run.sh

eval: all
	@BIN=$(BIN) CV=$(CV) sh tests/eval/run.sh

# The whole pipeline on the example article: its summary and keywords.
demo: $(BIN)/normalize $(BIN)/tokenize $(BIN)/tag $(BIN)/summarize
	$(BIN)/normalize examples/article.txt | $(BIN)/tokenize --split-clitics | $(BIN)/tag | \
		$(BIN)/summarize -k 5

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(LIBDIR) $(DESTDIR)$(INCLUDEDIR) \
		$(DESTDIR)$(PKGCONFIGDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
		$(DESTDIR)$(MANDIR)/man3 $(DESTDIR)$(DATADIR)/nass
	cp $(TOOL_BINS) $(DESTDIR)$(BINDIR)/
	cp $(BUILD)/libnass.a $(BUILD)/libnass.so.$(VERSION) $(DESTDIR)$(LIBDIR)/
	ln -sf libnass.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libnass.so.$(SOVERSION)
	ln -sf libnass.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libnass.so
	cp lib/nass.h $(DESTDIR)$(INCLUDEDIR)/
	cp $(BUILD)/libnass.pc $(DESTDIR)$(PKGCONFIGDIR)/
	cp $(addprefix man/,$(addsuffix .1,$(TOOLS))) $(DESTDIR)$(MANDIR)/man1/
	cp man/nass-rules.5 $(DESTDIR)$(MANDIR)/man5/
	cp man/libnass.3 $(DESTDIR)$(MANDIR)/man3/
	cp -R rules $(DESTDIR)$(DATADIR)/nass/

uninstall:
	rm -f $(addprefix $(DESTDIR)$(BINDIR)/,$(TOOLS))
	rm -f $(DESTDIR)$(LIBDIR)/libnass.a $(DESTDIR)$(LIBDIR)/libnass.so.$(VERSION) \
		$(DESTDIR)$(LIBDIR)/libnass.so.$(SOVERSION) $(DESTDIR)$(LIBDIR)/libnass.so
	rm -f $(DESTDIR)$(INCLUDEDIR)/nass.h $(DESTDIR)$(PKGCONFIGDIR)/libnass.pc
	rm -f $(addprefix $(DESTDIR)$(MANDIR)/man1/,$(addsuffix .1,$(TOOLS)))
	rm -f $(DESTDIR)$(MANDIR)/man5/nass-rules.5 $(DESTDIR)$(MANDIR)/man3/libnass.3
	rm -rf $(DESTDIR)$(DATADIR)/nass

clean:
	rm -rf build bin
.SECONDARY:
