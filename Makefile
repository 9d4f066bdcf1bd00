# samen — build, demo and check.
#   make          build/samen (optimised)
#   make demo     install what is missing, build, load the demo network, serve it
#   make check    install what is missing, build with ASan+UBSan, run every test
#   make bench    the benchmarks (not part of check)

CC      ?= cc
PKGS    := libmicrohttpd jansson sqlite3 libsodium gnutls
WARN    := -Wall -Wextra -Wpedantic -Wshadow -Wformat=2 -Wno-unused-parameter -Werror
CSTD    := -std=c17 -D_DEFAULT_SOURCE -D_GNU_SOURCE
INC     := -Isrc -Ibuild/gen
PKGCF    = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKGLIBS  = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -lm
VERSION := $(shell git describe --always --dirty 2>/dev/null || echo dev)

OPT_CFLAGS  := -O2 -g
ASAN_CFLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined

LIB_SRC  := $(filter-out src/cli/main.c,$(wildcard src/core/*.c src/store/*.c src/report/*.c src/http/*.c src/web/*.c src/cli/*.c))
EMBED_IN := $(sort $(wildcard src/store/migrations/*.sql src/web/static/*)) src/http/openapi-schemas.json demo/netwerk.json \
            node_modules/@utrecht/component-library-css/dist/index.css \
            node_modules/@utrecht/design-tokens/dist/index.css
UNIT_SRC := $(wildcard tests/unit/test_*.c)
HDRS     := $(wildcard src/*/*.h)

.PHONY: all demo check test bench deps deps-check clean format
all: build/samen

deps:
	@scripts/deps.sh build
deps-check:
	@scripts/deps.sh check

# The embedded files: migrations, static assets, the demo network.
build/tools/embed: tools/embed.c
	@mkdir -p $(@D)
	$(CC) -std=c17 -O1 -Wall -Wextra -Werror -o $@ $<
build/gen/embedded.c: build/tools/embed $(EMBED_IN)
	@mkdir -p $(@D)
	build/tools/embed $(EMBED_IN) > $@.tmp && mv $@.tmp $@
build/gen/version.h: FORCE
	@mkdir -p $(@D)
	@echo '#define SAMEN_VERSION "$(VERSION)"' > $@.tmp
	@cmp -s $@.tmp $@ && rm $@.tmp || mv $@.tmp $@
FORCE:

# Two flavours of every object: build/obj (optimised) and build/asan/obj (sanitised).
build/obj/%.o: %.c $(HDRS) build/gen/version.h
	@mkdir -p $(@D)
	$(CC) $(CSTD) $(WARN) $(OPT_CFLAGS) $(INC) $(PKGCF) -c -o $@ $<
build/asan/obj/%.o: %.c $(HDRS) build/gen/version.h
	@mkdir -p $(@D)
	$(CC) $(CSTD) $(WARN) $(ASAN_CFLAGS) $(INC) $(PKGCF) -c -o $@ $<

LIB_OBJ      := $(patsubst %.c,build/obj/%.o,$(LIB_SRC)) build/obj/build/gen/embedded.o
ASAN_LIB_OBJ := $(patsubst %.c,build/asan/obj/%.o,$(LIB_SRC)) build/asan/obj/build/gen/embedded.o

build/libsamen.a: $(LIB_OBJ)
	@rm -f $@; ar rcs $@ $^
build/asan/libsamen.a: $(ASAN_LIB_OBJ)
	@rm -f $@; ar rcs $@ $^

build/samen: build/obj/src/cli/main.o build/libsamen.a
	$(CC) $(OPT_CFLAGS) -o $@ $^ $(PKGLIBS)
build/asan/samen: build/asan/obj/src/cli/main.o build/asan/libsamen.a
	$(CC) $(ASAN_CFLAGS) -o $@ $^ $(PKGLIBS)

UNIT_BIN := $(patsubst tests/unit/%.c,build/asan/tests/%,$(UNIT_SRC))
build/asan/tests/%: build/asan/obj/tests/unit/%.o build/asan/libsamen.a
	@mkdir -p $(@D)
	$(CC) $(ASAN_CFLAGS) -o $@ $^ $(PKGLIBS) -lcmocka

demo: deps
	@$(MAKE) --no-print-directory build/samen
	build/samen demo --db build/demo.db --port $${PORT:-8080}

check: deps-check
	@$(MAKE) --no-print-directory build/asan/samen build/samen $(UNIT_BIN)
	@tests/run.sh

test: build/asan/samen $(UNIT_BIN)
	@tests/run.sh

bench: build/samen
	@scripts/deps.sh bench
	@for b in bench/*/run; do [ -x "$$b" ] && "$$b"; done; true

format:
	clang-format -i $(wildcard src/*/*.c src/*/*.h tests/unit/*.c)

clean:
	rm -rf build
