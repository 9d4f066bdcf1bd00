# samen — build, demo and check.
#   make          install what is missing to build, then build/samen (optimised)
#   make demo     install what is missing, build, load the demo network, serve it
#   make check    install what is missing, build with ASan+UBSan, run every test
#   make test     the same as check
#   make bench    install the peer tools, then the benchmarks (not part of check)
#   make fuzz     build the fuzz targets (clang, libFuzzer, ASan+UBSan) and run
#                 each FUZZ_RUNS times (default 10 million; make check runs each briefly)
#   make format   install clang-format when missing, then format src and tests/unit
#   make clean    remove build/
# Every target installs what it needs (scripts/deps.sh), so each works on a
# fresh Debian 12 machine as root.

CC      ?= cc
B       ?= build
PKGS    := libmicrohttpd jansson sqlite3 libpq libsodium gnutls libical xlsxwriter cairo pangocairo fontconfig
# Route tables (src/http/request.h) are positional and end in fields only the
# API describes; a page's route leaves them out, so missing initializers are not an error.
WARN    := -Wall -Wextra -Wpedantic -Wshadow -Wformat=2 -Wno-unused-parameter -Wno-missing-field-initializers -Werror
CSTD    := -std=c17 -D_DEFAULT_SOURCE -D_GNU_SOURCE
INC      = -Isrc -I$(B)/gen
PKGCF    = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKGLIBS  = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -lm
VERSION := $(shell git describe --always --dirty 2>/dev/null || echo dev)

OPT_CFLAGS  := -O2 -g
ASAN_CFLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined

LIB_SRC  := $(filter-out src/cli/main.c,$(wildcard src/core/*.c src/store/*.c src/report/*.c src/http/*.c src/web/*.c src/cli/*.c))
EMBED_IN := $(sort $(wildcard src/store/migrations/*.sql src/web/static/*)) src/http/openapi-schemas.json src/http/openapi-parameters.json data/gemeenten.csv data/iv3-taakvelden.csv demo/register.json demo/besturing.json demo/kwaliteitskaart.json demo/urenbank.json demo/urenbank_aanbod.json demo/dienstverlening.json \
            node_modules/@utrecht/component-library-css/dist/index.css \
            node_modules/@utrecht/design-tokens/dist/index.css
UNIT_SRC := $(wildcard tests/unit/test_*.c)
HDRS     := $(wildcard src/*/*.h)

JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all demo check test bench fuzz deps deps-check clean format
all: deps
	@$(MAKE) --no-print-directory -j$(JOBS) $(B)/samen

deps:
	@scripts/deps.sh build
deps-check:
	@scripts/deps.sh check

# The embedded files: migrations, static assets, the demo network.
$(B)/tools/embed: tools/embed.c
	@mkdir -p $(@D)
	$(CC) -std=c17 -O1 -Wall -Wextra -Werror -o $@ $<
# libical's strict check of an iCalendar text, for the agenda tests.
$(B)/tools/icalcheck: tools/icalcheck.c
	@mkdir -p $(@D)
	$(CC) -std=c17 -O1 -Wall -Wextra -Werror $(shell pkg-config --cflags libical 2>/dev/null) -o $@ $< $(shell pkg-config --libs libical 2>/dev/null)
$(B)/gen/embedded.c: $(B)/tools/embed $(EMBED_IN)
	@mkdir -p $(@D)
	$(B)/tools/embed $(EMBED_IN) > $@.tmp && mv $@.tmp $@
$(B)/gen/version.h: FORCE
	@mkdir -p $(@D)
	@echo '#define SAMEN_VERSION "$(VERSION)"' > $@.tmp
	@cmp -s $@.tmp $@ && rm $@.tmp || mv $@.tmp $@
FORCE:

# Two flavours of every object: build/obj (optimised) and build/asan/obj (sanitised).
$(B)/obj/%.o: %.c $(HDRS) $(B)/gen/version.h
	@mkdir -p $(@D)
	@echo "  CC      $<"
	@$(CC) $(CSTD) $(WARN) $(OPT_CFLAGS) $(INC) $(PKGCF) -c -o $@ $<
$(B)/asan/obj/%.o: %.c $(HDRS) $(B)/gen/version.h
	@mkdir -p $(@D)
	@echo "  CC asan $<"
	@$(CC) $(CSTD) $(WARN) $(ASAN_CFLAGS) $(INC) $(PKGCF) -c -o $@ $<

LIB_OBJ      := $(patsubst %.c,$(B)/obj/%.o,$(LIB_SRC)) $(B)/obj/$(B)/gen/embedded.o
ASAN_LIB_OBJ := $(patsubst %.c,$(B)/asan/obj/%.o,$(LIB_SRC)) $(B)/asan/obj/$(B)/gen/embedded.o

$(B)/libsamen.a: $(LIB_OBJ)
	@rm -f $@; ar rcs $@ $^
$(B)/asan/libsamen.a: $(ASAN_LIB_OBJ)
	@rm -f $@; ar rcs $@ $^

$(B)/samen: $(B)/obj/src/cli/main.o $(B)/libsamen.a
	$(CC) $(OPT_CFLAGS) -o $@ $^ $(PKGLIBS)
$(B)/asan/samen: $(B)/asan/obj/src/cli/main.o $(B)/asan/libsamen.a
	$(CC) $(ASAN_CFLAGS) -o $@ $^ $(PKGLIBS)

UNIT_BIN := $(patsubst tests/unit/%.c,$(B)/asan/tests/%,$(UNIT_SRC))
$(B)/asan/tests/%: $(B)/asan/obj/tests/unit/%.o $(B)/asan/libsamen.a
	@mkdir -p $(@D)
	$(CC) $(ASAN_CFLAGS) -o $@ $^ $(PKGLIBS) -lcmocka

# Fuzz targets (tests/fuzz/fuzz_*.c): the library once more, by clang with
# libFuzzer's coverage and ASan+UBSan; seeds in tests/fuzz/corpus/<target>.
FUZZ_CC     ?= clang
FUZZ_CFLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_SRC    := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN    := $(patsubst tests/fuzz/%.c,$(B)/fuzz/%,$(FUZZ_SRC))
FUZZ_LIB_SRC := $(wildcard src/core/*.c src/store/*.c src/report/*.c src/http/*.c)
FUZZ_LIB_OBJ := $(patsubst %.c,$(B)/fuzz/obj/%.o,$(FUZZ_LIB_SRC)) $(B)/fuzz/obj/$(B)/gen/embedded.o
$(B)/fuzz/obj/%.o: %.c $(HDRS) $(B)/gen/version.h
	@mkdir -p $(@D)
	@echo "  CC fuzz $<"
	@$(FUZZ_CC) $(CSTD) $(WARN) -Wno-format-nonliteral $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link $(INC) -Itests/fuzz $(PKGCF) -c -o $@ $<
$(B)/fuzz/libsamen.a: $(FUZZ_LIB_OBJ)
	@rm -f $@; ar rcs $@ $^
$(B)/fuzz/%: $(B)/fuzz/obj/tests/fuzz/%.o $(B)/fuzz/libsamen.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $^ $(PKGLIBS)

.SECONDARY: $(patsubst tests/fuzz/%.c,$(B)/fuzz/obj/tests/fuzz/%.o,$(FUZZ_SRC))
FUZZ_RUNS ?= 10000000
fuzz: deps-check
	@$(MAKE) --no-print-directory $(FUZZ_BIN)
	@for t in $(FUZZ_BIN); do n=$$(basename $$t); mkdir -p $(B)/fuzz/corpus/$$n; \
	  echo "fuzz $$n: $(FUZZ_RUNS) runs"; \
	  $$t -runs=$(FUZZ_RUNS) -max_len=65536 -timeout=60 -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix=$(B)/fuzz/ \
	    $(B)/fuzz/corpus/$$n tests/fuzz/corpus/$$n > $(B)/fuzz/$$n.log 2>&1; rc=$$?; \
	  grep -E '^Done|ERROR|SUMMARY|executed_units|Test unit' $(B)/fuzz/$$n.log; [ $$rc -eq 0 ] || exit 1; done

demo: deps
	@$(MAKE) --no-print-directory -j$(JOBS) $(B)/samen
	$(B)/samen demo --db $(B)/demo.db --port $${PORT:-8080}

# The tests need the sanitised build, the unit tests and the fuzz targets
# (not the optimised binary); built on every core.
check: deps-check
	@$(MAKE) --no-print-directory -j$(JOBS) $(B)/asan/samen $(UNIT_BIN) $(B)/tools/icalcheck $(FUZZ_BIN)
	@B=$(B) tests/run.sh

test: check

bench:
	@scripts/deps.sh bench
	@$(MAKE) --no-print-directory $(B)/samen
	@B=$(B) bench/samenvatting start
	@for b in bench/*/run; do [ -x "$$b" ] && B=$(B) "$$b"; done; true
	@B=$(B) bench/samenvatting

format:
	@scripts/deps.sh format
	clang-format -i $(wildcard src/*/*.c src/*/*.h tests/unit/*.c)

clean:
	rm -rf build
