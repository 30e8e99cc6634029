// libpq, PostgreSQL's C client library (Debian libpq-dev; headers in /usr/include/postgresql,
// found through pkg-config libpq).
#ifndef TEXTMILL_CLIBPQ_SHIM_H
#define TEXTMILL_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
