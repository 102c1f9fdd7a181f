/* hash.h - the string hash of the library's tables (internal): FNV-1a,
 * small and good enough for words and abbreviations. */
#ifndef NASS_HASH_H
#define NASS_HASH_H

#include <stddef.h>
#include <stdint.h>

#define HASH_START 2166136261u
#define HASH_STEP(h, byte) (((h) ^ (unsigned char)(byte)) * 16777619u)

static inline uint32_t hash_bytes(const char *s, size_t n)
{
	uint32_t h = HASH_START;

	while (n--)
		h = HASH_STEP(h, *s++);
	return h;
}

#endif
