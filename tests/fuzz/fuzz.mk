# tests/fuzz/fuzz.mk - fuzz targets, included by the main Makefile (after
# BUILD, ALL_CFLAGS and DEP_LIBS are set, before the check rule).
#
#   make fuzz               libFuzzer binaries in build/fuzz/ (clang, ASan,
#                           UBSan): fuzz-normalize, fuzz-rules
#   make fuzz-run           run each for FUZZ_TIME seconds (default 60) on
#                           a work corpus in build/fuzz/, seeded from
#                           tests/fuzz/corpus/TARGET
#   FUZZ_EXTRA=...          more flags for the fuzz build (remove build/fuzz
#                           when changing them), e.g. to fuzz past a bug
#                           already reported: -DFUZZ_SKIP_EMPTY_DUMP,
#                           -DFUZZ_NO_LONE_CONTINUATION (see the targets),
#                           -fno-sanitize=pointer-overflow
#   $(FUZZ_REPLAY_BINS)     the same targets linked with replay.c against
#                           $(BUILD)/libnass.a with the ordinary compiler:
#                           make check replays the corpus with them
#                           (tests/scripts/fuzz-replay.sh)

# Including this file must not change the default goal.
ifeq ($(.DEFAULT_GOAL),)
.DEFAULT_GOAL := all
endif

FUZZ_CC      ?= clang
FUZZ_BUILD    = build/fuzz
FUZZ_TIME    ?= 60
FUZZ_EXTRA   ?=
FUZZ_SAN      = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
# clang may warn where gcc does not: warnings stay visible but do not fail
# the fuzz build of files that are not ours.
FUZZ_CFLAGS   = -g -O1 $(filter-out -Werror,$(WARN)) $(FUZZ_SAN) $(DEP_CFLAGS) \
                -Ilib -I$(BUILD) $(FUZZ_EXTRA)
FUZZ_TARGETS  = normalize rules tokenize tag summarize
FUZZ_BINS     = $(addprefix $(FUZZ_BUILD)/fuzz-,$(FUZZ_TARGETS))
FUZZ_LIB_OBJ  = $(patsubst lib/%.c,$(FUZZ_BUILD)/lib/%.o,$(LIB_SRC)) \
                $(FUZZ_BUILD)/lib/rules_blob.o
FUZZ_REPLAY_BINS = $(addprefix $(BUILD)/fuzz-replay-,$(FUZZ_TARGETS))

.PHONY: fuzz fuzz-run
fuzz: $(FUZZ_BINS)

$(FUZZ_BUILD)/lib/%.o: lib/%.c $(HEADERS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_BUILD)/lib/rules_blob.o: $(BUILD)/rules_blob.c lib/rules.h
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_BUILD)/fuzz-%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_out.h $(FUZZ_LIB_OBJ) $(HEADERS)
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer $(LDFLAGS) -o $@ $< $(FUZZ_LIB_OBJ) $(DEP_LIBS)

$(BUILD)/fuzz-replay-%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_out.h tests/fuzz/replay.c $(BUILD)/libnass.a $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ tests/fuzz/replay.c $< $(BUILD)/libnass.a $(DEP_LIBS)

# Each target in turn, FUZZ_TIME seconds, new inputs kept in build/fuzz/.
fuzz-run: $(FUZZ_BINS)
	@for t in $(FUZZ_TARGETS); do \
		mkdir -p $(FUZZ_BUILD)/corpus-$$t $(FUZZ_BUILD)/artifacts-$$t && \
		echo "fuzz-$$t: $(FUZZ_TIME) s" && \
		$(FUZZ_BUILD)/fuzz-$$t -max_total_time=$(FUZZ_TIME) -print_final_stats=1 \
			-artifact_prefix=$(FUZZ_BUILD)/artifacts-$$t/ \
			$(FUZZ_BUILD)/corpus-$$t tests/fuzz/corpus/$$t || exit 1; \
	done
