// SQLite for Swift. SQLITE_STATIC and SQLITE_TRANSIENT are casts of integers to function
// pointers, which Swift cannot import; these wrappers pass them.
#ifndef TEXTMILL_CSQLITE_SHIM_H
#define TEXTMILL_CSQLITE_SHIM_H
#include <sqlite3.h>

/// Binds text that stays valid until the statement is stepped and reset (no copy).
static inline int textmill_sqlite3_bind_text_static(sqlite3_stmt *statement, int index, const char *text, int length) {
    return sqlite3_bind_text(statement, index, text, length, SQLITE_STATIC);
}

/// Binds text that SQLite copies at once (the caller's buffer may go away).
static inline int textmill_sqlite3_bind_text_transient(sqlite3_stmt *statement, int index, const char *text, int length) {
    return sqlite3_bind_text(statement, index, text, length, SQLITE_TRANSIENT);
}
#endif
