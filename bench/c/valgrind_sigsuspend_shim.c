/*
 * valgrind_sigsuspend_shim.c -- LD_PRELOAD shim so that valgrind 3.19 can run textmill.
 *
 * valgrind 3.19 writes into the signal mask passed to rt_sigsuspend. libdispatch's
 * dispatch_main (under Swift's async main) passes a `static const` mask, which lives in
 * read-only memory: valgrind then dies with "VALGRIND INTERNAL ERROR ... SIGSEGV" before
 * textmill runs a line. This sigsuspend hands the kernel a writable copy instead.
 *
 * Build: cc -O2 -shared -fPIC -o valgrind_sigsuspend_shim.so valgrind_sigsuspend_shim.c
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

int sigsuspend(const sigset_t *mask) {
    sigset_t copy = *mask;
    return (int)syscall(SYS_rt_sigsuspend, &copy, _NSIG / 8);
}
