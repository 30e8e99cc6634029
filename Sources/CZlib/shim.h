// zlib for Swift: gzip input and output. `inflateInit2`/`deflateInit2` are macros that pass
// the library version and struct size, which Swift cannot call; these wrappers do.
#ifndef TEXTMILL_CZLIB_SHIM_H
#define TEXTMILL_CZLIB_SHIM_H
#include <zlib.h>

/// Inflate for gzip streams only (window bits 15 + 16).
static inline int textmill_inflateInitGzip(z_streamp stream) {
    return inflateInit2(stream, 15 + 16);
}

/// Deflate writing a gzip wrapper (window bits 15 + 16), default memory level.
static inline int textmill_deflateInitGzip(z_streamp stream, int level) {
    return deflateInit2(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
}
#endif
