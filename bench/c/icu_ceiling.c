/*
 * icu_ceiling.c -- the native C + ICU "ceiling" for textmill's benchmarks.
 *
 * Reads JSONL ({"id": ..., "text": "..."} per line) from stdin or a file,
 * normalizes each text with ICU's NFKC_Casefold, segments it with one UBRK_WORD
 * break iterator (root locale, opened once, reused with ubrk_setText), keeps
 * the segments whose rule status is not in [UBRK_WORD_NONE, UBRK_WORD_NONE_LIMIT)
 * and writes {"id":<id as given>,"tokens":["...",...]} JSONL.
 *
 * Usage:
 *   icu_ceiling [-o OUT] [FILE]          one process (stdin when FILE is absent or "-")
 *   icu_ceiling -j N [-o OUT] FILE       N processes (fork) on N parts of FILE, split at
 *                                        line boundaries near the byte fractions k/N.
 *                                        With -o OUT (not /dev/null), part k goes to
 *                                        OUT.partK; otherwise all parts share stdout
 *                                        (only sensible when stdout is /dev/null).
 *
 * Build: cc -O2 -o icu_ceiling icu_ceiling.c $(pkg-config --cflags --libs icu-uc icu-i18n)
 *
 * Errors: a line that is not a JSON object with a string "text" is reported on stderr
 * (line number) and skipped; the exit status is then 1.  Empty lines are skipped.
 * Invalid UTF-8 and lone surrogates (\uD800 without a pair) become U+FFFD.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <unicode/ubrk.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utypes.h>

/* ------------------------------------------------------------------ buffers */

typedef struct {
    char *p;
    size_t len, cap;
} bytebuf;

typedef struct {
    UChar *p;
    size_t len, cap;
} u16buf;

static void die(const char *msg) {
    fprintf(stderr, "icu_ceiling: %s\n", msg);
    exit(2);
}

static void bb_reserve(bytebuf *b, size_t extra) {
    if (b->len + extra <= b->cap) return;
    size_t nc = b->cap ? b->cap : 1 << 16;
    while (nc < b->len + extra) nc *= 2;
    b->p = realloc(b->p, nc);
    if (!b->p) die("out of memory");
    b->cap = nc;
}

static void u16_reserve(u16buf *b, size_t n) {
    if (n <= b->cap) return;
    size_t nc = b->cap ? b->cap : 4096;
    while (nc < n) nc *= 2;
    b->p = realloc(b->p, nc * sizeof(UChar));
    if (!b->p) die("out of memory");
    b->cap = nc;
}

/* ------------------------------------------------------------- JSON input */

static const char *skip_ws(const char *s, const char *e) {
    while (s < e && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')) s++;
    return s;
}

static int hexval(int c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static int read_hex4(const char *s, const char *e, unsigned *out) {
    if (e - s < 4) return -1;
    unsigned v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hexval((unsigned char)s[i]);
        if (h < 0) return -1;
        v = (v << 4) | (unsigned)h;
    }
    *out = v;
    return 0;
}

static inline void put_cp(u16buf *o, uint32_t cp) {
    if (cp < 0x10000) {
        o->p[o->len++] = (UChar)cp;
    } else {
        cp -= 0x10000;
        o->p[o->len++] = (UChar)(0xD800 + (cp >> 10));
        o->p[o->len++] = (UChar)(0xDC00 + (cp & 0x3FF));
    }
}

/* Decode one UTF-8 sequence at s (s < e, *s >= 0x80). Returns the code point, or
 * 0xFFFD for an ill-formed sequence (consuming one maximal subpart). */
static uint32_t utf8_decode(const unsigned char **ps, const unsigned char *e) {
    const unsigned char *s = *ps;
    unsigned c = *s++;
    uint32_t cp;
    int need;
    unsigned lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) { cp = c & 0x1F; need = 1; }
    else if (c >= 0xE0 && c <= 0xEF) {
        cp = c & 0x0F; need = 2;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        cp = c & 0x07; need = 3;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else { *ps = s; return 0xFFFD; }
    for (int i = 0; i < need; i++) {
        if (s >= e || *s < lo || *s > hi) { *ps = s; return 0xFFFD; }
        cp = (cp << 6) | (*s++ & 0x3F);
        lo = 0x80; hi = 0xBF;
    }
    *ps = s;
    return cp;
}

/* s points just after an opening quote. Decodes the JSON string into UTF-16 (o is
 * reset). Returns a pointer just after the closing quote, or NULL on error. */
static const char *decode_string_u16(const char *s, const char *e, u16buf *o) {
    o->len = 0;
    /* UTF-16 length never exceeds the byte length */
    u16_reserve(o, (size_t)(e - s) + 2);
    const unsigned char *p = (const unsigned char *)s, *pe = (const unsigned char *)e;
    while (p < pe) {
        unsigned c = *p;
        if (c == '"') return (const char *)p + 1;
        if (c == '\\') {
            p++;
            if (p >= pe) return NULL;
            switch (*p++) {
            case '"': o->p[o->len++] = '"'; break;
            case '\\': o->p[o->len++] = '\\'; break;
            case '/': o->p[o->len++] = '/'; break;
            case 'b': o->p[o->len++] = '\b'; break;
            case 'f': o->p[o->len++] = '\f'; break;
            case 'n': o->p[o->len++] = '\n'; break;
            case 'r': o->p[o->len++] = '\r'; break;
            case 't': o->p[o->len++] = '\t'; break;
            case 'u': {
                unsigned u;
                if (read_hex4((const char *)p, e, &u)) return NULL;
                p += 4;
                if (u >= 0xD800 && u <= 0xDBFF) {
                    unsigned u2;
                    if (pe - p >= 6 && p[0] == '\\' && p[1] == 'u' &&
                        read_hex4((const char *)p + 2, e, &u2) == 0 && u2 >= 0xDC00 && u2 <= 0xDFFF) {
                        p += 6;
                        put_cp(o, 0x10000 + ((u - 0xD800) << 10) + (u2 - 0xDC00));
                    } else {
                        o->p[o->len++] = 0xFFFD; /* lone high surrogate */
                    }
                } else if (u >= 0xDC00 && u <= 0xDFFF) {
                    o->p[o->len++] = 0xFFFD; /* lone low surrogate */
                } else {
                    o->p[o->len++] = (UChar)u;
                }
                break;
            }
            default: return NULL;
            }
        } else if (c < 0x80) {
            if (c < 0x20) return NULL; /* raw control character: invalid JSON */
            o->p[o->len++] = (UChar)c;
            p++;
        } else {
            put_cp(o, utf8_decode(&p, pe));
        }
    }
    return NULL;
}

/* Skip a JSON string; s points after the opening quote. */
static const char *skip_string(const char *s, const char *e) {
    while (s < e) {
        if (*s == '\\') { s += 2; continue; }
        if (*s == '"') return s + 1;
        s++;
    }
    return NULL;
}

/* Skip any JSON value. */
static const char *skip_value(const char *s, const char *e) {
    s = skip_ws(s, e);
    if (s >= e) return NULL;
    if (*s == '"') return skip_string(s + 1, e);
    if (*s == '{' || *s == '[') {
        int depth = 0;
        while (s < e) {
            char c = *s;
            if (c == '"') { s = skip_string(s + 1, e); if (!s) return NULL; continue; }
            if (c == '{' || c == '[') depth++;
            else if (c == '}' || c == ']') { if (--depth == 0) return s + 1; }
            s++;
        }
        return NULL;
    }
    /* number, true, false, null */
    const char *b = s;
    while (s < e && *s != ',' && *s != '}' && *s != ']' && *s != ' ' && *s != '\t' && *s != '\r' && *s != '\n') s++;
    return s > b ? s : NULL;
}

/* Parse one line. On success: (*id, *idlen) = raw JSON text of the id value (or "null"
 * if absent), text decoded into t. Returns 0, or -1 on error. */
static int parse_line(const char *s, const char *e, const char **id, size_t *idlen, u16buf *t) {
    int have_text = 0;
    *id = "null";
    *idlen = 4;
    s = skip_ws(s, e);
    if (s >= e || *s != '{') return -1;
    s = skip_ws(s + 1, e);
    if (s < e && *s == '}') return -1;
    for (;;) {
        if (s >= e || *s != '"') return -1;
        const char *k = s + 1;
        const char *ke = skip_string(k, e);
        if (!ke) return -1;
        size_t klen = (size_t)(ke - 1 - k);
        s = skip_ws(ke, e);
        if (s >= e || *s != ':') return -1;
        s = skip_ws(s + 1, e);
        if (klen == 4 && memcmp(k, "text", 4) == 0) {
            if (s >= e || *s != '"') return -1;
            s = decode_string_u16(s + 1, e, t);
            if (!s) return -1;
            have_text = 1;
        } else if (klen == 2 && memcmp(k, "id", 2) == 0) {
            const char *v = s;
            s = skip_value(s, e);
            if (!s) return -1;
            *id = v;
            *idlen = (size_t)(s - v);
        } else {
            s = skip_value(s, e);
            if (!s) return -1;
        }
        s = skip_ws(s, e);
        if (s < e && *s == ',') { s = skip_ws(s + 1, e); continue; }
        if (s < e && *s == '}') break;
        return -1;
    }
    return have_text ? 0 : -1;
}

/* ------------------------------------------------------------ JSON output */

static const char HEX[] = "0123456789abcdef";

/* Append UTF-16 [s, s+n) as the body of a JSON string (UTF-8, escaped). */
static void put_json_u16(bytebuf *o, const UChar *s, int32_t n) {
    bb_reserve(o, (size_t)n * 6 + 8);
    char *w = o->p + o->len;
    for (int32_t i = 0; i < n; i++) {
        uint32_t c = s[i];
        if (c < 0x80) {
            if (c >= 0x20 && c != '"' && c != '\\') { *w++ = (char)c; continue; }
            *w++ = '\\';
            switch (c) {
            case '"': *w++ = '"'; break;
            case '\\': *w++ = '\\'; break;
            case '\n': *w++ = 'n'; break;
            case '\t': *w++ = 't'; break;
            case '\r': *w++ = 'r'; break;
            case '\b': *w++ = 'b'; break;
            case '\f': *w++ = 'f'; break;
            default:
                *w++ = 'u'; *w++ = '0'; *w++ = '0';
                *w++ = HEX[c >> 4]; *w++ = HEX[c & 15];
            }
        } else if (c < 0x800) {
            *w++ = (char)(0xC0 | (c >> 6));
            *w++ = (char)(0x80 | (c & 0x3F));
        } else if (c >= 0xD800 && c <= 0xDFFF) {
            if (c <= 0xDBFF && i + 1 < n && s[i + 1] >= 0xDC00 && s[i + 1] <= 0xDFFF) {
                uint32_t cp = 0x10000 + ((c - 0xD800) << 10) + (s[i + 1] - 0xDC00);
                i++;
                *w++ = (char)(0xF0 | (cp >> 18));
                *w++ = (char)(0x80 | ((cp >> 12) & 0x3F));
                *w++ = (char)(0x80 | ((cp >> 6) & 0x3F));
                *w++ = (char)(0x80 | (cp & 0x3F));
            } else { /* lone surrogate -> U+FFFD */
                *w++ = (char)0xEF; *w++ = (char)0xBF; *w++ = (char)0xBD;
            }
        } else {
            *w++ = (char)(0xE0 | (c >> 12));
            *w++ = (char)(0x80 | ((c >> 6) & 0x3F));
            *w++ = (char)(0x80 | (c & 0x3F));
        }
    }
    o->len = (size_t)(w - o->p);
}

static void put_raw(bytebuf *o, const char *s, size_t n) {
    bb_reserve(o, n);
    memcpy(o->p + o->len, s, n);
    o->len += n;
}

static int flush_out(bytebuf *o, int fd) {
    size_t off = 0;
    while (off < o->len) {
        ssize_t w = write(fd, o->p + off, o->len - off);
        if (w < 0) {
            if (errno == EINTR) continue;
            return -1;
        }
        off += (size_t)w;
    }
    o->len = 0;
    return 0;
}

/* --------------------------------------------------------------- the work */

typedef struct {
    const UNormalizer2 *norm;
    UBreakIterator *bi;
    u16buf text, normed;
    bytebuf out;
    int outfd;
    long errors;
} worker;

static void worker_init(worker *w, int outfd) {
    UErrorCode st = U_ZERO_ERROR;
    memset(w, 0, sizeof *w);
    w->norm = unorm2_getNFKCCasefoldInstance(&st);
    if (U_FAILURE(st)) die(u_errorName(st));
    w->bi = ubrk_open(UBRK_WORD, "", NULL, 0, &st);
    if (U_FAILURE(st)) die(u_errorName(st));
    w->outfd = outfd;
    u16_reserve(&w->text, 4096);
    u16_reserve(&w->normed, 4096);
    bb_reserve(&w->out, 1 << 20);
}

static void process_line(worker *w, const char *line, size_t n, long lineno) {
    const char *e = line + n;
    const char *id;
    size_t idlen;
    if (skip_ws(line, e) == e) return; /* blank line */
    if (parse_line(line, e, &id, &idlen, &w->text) != 0) {
        fprintf(stderr, "icu_ceiling: line %ld: not a JSON object with a string \"text\"\n", lineno);
        w->errors++;
        return;
    }
    UErrorCode st = U_ZERO_ERROR;
    int32_t len = unorm2_normalize(w->norm, w->text.p, (int32_t)w->text.len, w->normed.p,
                                   (int32_t)w->normed.cap, &st);
    if (st == U_BUFFER_OVERFLOW_ERROR) {
        u16_reserve(&w->normed, (size_t)len + 1);
        st = U_ZERO_ERROR;
        len = unorm2_normalize(w->norm, w->text.p, (int32_t)w->text.len, w->normed.p,
                               (int32_t)w->normed.cap, &st);
    }
    if (U_FAILURE(st)) die(u_errorName(st));

    put_raw(&w->out, "{\"id\":", 6);
    put_raw(&w->out, id, idlen);
    put_raw(&w->out, ",\"tokens\":[", 11);
    ubrk_setText(w->bi, w->normed.p, len, &st);
    if (U_FAILURE(st)) die(u_errorName(st));
    int first = 1;
    int32_t start = ubrk_first(w->bi);
    for (int32_t end = ubrk_next(w->bi); end != UBRK_DONE; start = end, end = ubrk_next(w->bi)) {
        int32_t rs = ubrk_getRuleStatus(w->bi);
        if (rs >= UBRK_WORD_NONE && rs < UBRK_WORD_NONE_LIMIT) continue;
        if (!first) put_raw(&w->out, ",", 1);
        first = 0;
        put_raw(&w->out, "\"", 1);
        put_json_u16(&w->out, w->normed.p + start, end - start);
        put_raw(&w->out, "\"", 1);
    }
    put_raw(&w->out, "]}\n", 3);
    if (w->out.len >= (1 << 20) && flush_out(&w->out, w->outfd) != 0) die("write failed");
}

/* Process the lines of f that start in [start, end) (end < 0: to EOF). f is positioned
 * at start. */
static long run_range(FILE *f, off_t start, off_t end, int outfd) {
    worker w;
    worker_init(&w, outfd);
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    off_t pos = start;
    long lineno = 0;
    while ((end < 0 || pos < end) && (n = getline(&line, &cap, f)) > 0) {
        pos += n;
        lineno++;
        size_t len = (size_t)n;
        if (len && line[len - 1] == '\n') len--;
        process_line(&w, line, len, lineno);
    }
    if (ferror(f)) die("read error");
    if (flush_out(&w.out, outfd) != 0) die("write failed");
    ubrk_close(w.bi);
    free(line);
    return w.errors;
}

/* Offset of the first line start at or after off (off itself if it is 0 or follows '\n'). */
static off_t align_to_line(FILE *f, off_t off, off_t size) {
    if (off <= 0) return 0;
    if (off >= size) return size;
    if (fseeko(f, off - 1, SEEK_SET) != 0) die("seek failed");
    int c;
    off_t pos = off - 1;
    while ((c = getc(f)) != EOF) {
        pos++;
        if (c == '\n') return pos;
    }
    return size;
}

static void usage(void) {
    fprintf(stderr, "usage: icu_ceiling [-j N] [-o OUT] [FILE|-]\n");
    exit(2);
}

int main(int argc, char **argv) {
    int jobs = 1;
    const char *outpath = NULL;
    int opt;
    while ((opt = getopt(argc, argv, "j:o:h")) != -1) {
        switch (opt) {
        case 'j': jobs = atoi(optarg); if (jobs < 1) usage(); break;
        case 'o': outpath = optarg; break;
        default: usage();
        }
    }
    const char *inpath = optind < argc ? argv[optind] : "-";
    if (optind + 1 < argc) usage();

    if (jobs == 1) {
        FILE *f = strcmp(inpath, "-") == 0 ? stdin : fopen(inpath, "rb");
        if (!f) { perror(inpath); return 2; }
        int outfd = 1;
        if (outpath && strcmp(outpath, "-") != 0) {
            outfd = open(outpath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (outfd < 0) { perror(outpath); return 2; }
        }
        long errors = run_range(f, 0, -1, outfd);
        if (outfd != 1) close(outfd);
        return errors ? 1 : 0;
    }

    if (strcmp(inpath, "-") == 0) die("-j needs a file argument");
    FILE *f = fopen(inpath, "rb");
    if (!f) { perror(inpath); return 2; }
    struct stat sb;
    if (fstat(fileno(f), &sb) != 0) die("stat failed");
    off_t size = sb.st_size;
    off_t *bounds = calloc((size_t)jobs + 1, sizeof(off_t));
    for (int k = 1; k < jobs; k++) bounds[k] = align_to_line(f, size * k / jobs, size);
    bounds[jobs] = size;
    fclose(f);
    int split_out = outpath && strcmp(outpath, "/dev/null") != 0 && strcmp(outpath, "-") != 0;
    fflush(stdout);
    fflush(stderr);
    pid_t *pids = calloc((size_t)jobs, sizeof(pid_t));
    for (int k = 0; k < jobs; k++) {
        pid_t pid = fork();
        if (pid < 0) die("fork failed");
        if (pid == 0) {
            int outfd = 1;
            if (split_out) {
                char name[4096];
                snprintf(name, sizeof name, "%s.part%d", outpath, k);
                outfd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
                if (outfd < 0) { perror(name); _exit(2); }
            } else if (outpath && strcmp(outpath, "/dev/null") == 0) {
                outfd = open("/dev/null", O_WRONLY);
            }
            FILE *cf = fopen(inpath, "rb");
            if (!cf) { perror(inpath); _exit(2); }
            if (bounds[k] > 0 && fseeko(cf, bounds[k], SEEK_SET) != 0) _exit(2);
            long errors = bounds[k] < bounds[k + 1] ? run_range(cf, bounds[k], bounds[k + 1], outfd) : 0;
            _exit(errors ? 1 : 0);
        }
        pids[k] = pid;
    }
    int rc = 0;
    for (int k = 0; k < jobs; k++) {
        int status;
        while (waitpid(pids[k], &status, 0) < 0 && errno == EINTR) {}
        if (!WIFEXITED(status)) rc = 2;
        else if (WEXITSTATUS(status) > rc) rc = WEXITSTATUS(status);
    }
    return rc;
}
