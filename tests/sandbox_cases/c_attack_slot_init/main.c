/* Goes after the run's init (pid 1 of the run's pid namespace, the warm slot's child):
 * signals, ptrace, its /proc entries, its namespaces, and the slot's /proc under ours.
 * Every attempt must be refused, and the run must end normally. Runs twice: the slot's
 * second run must be just as clean. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <sys/mount.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

static void report(const char *what, int ok) { printf("%s %s\n", what, ok ? "ALLOWED" : "refused"); }

int main(void) {
    report("kill(1, SIGSTOP)", kill(1, SIGSTOP) == 0);
    report("kill(1, SIGKILL)", kill(1, SIGKILL) == 0);
    errno = 0;
    int rc = kill(-1, SIGKILL); /* everything we may signal but ourselves: nothing */
    printf("kill(-1, SIGKILL) %s\n", rc != 0 && errno == ESRCH ? "nothing to kill" : "KILLED SOMETHING");
    int pidfd = (int)syscall(SYS_pidfd_open, 1, 0);
    report("pidfd_send_signal(1)",
           pidfd >= 0 && syscall(SYS_pidfd_send_signal, pidfd, SIGKILL, NULL, 0) == 0);
    report("ptrace(SEIZE, 1)", ptrace(PTRACE_SEIZE, 1, 0, 0) == 0);
    report("ptrace(TRACEME)", ptrace(PTRACE_TRACEME, 0, 0, 0) == 0);
    char buf[16];
    struct iovec local = {buf, sizeof buf}, remote = {(void *)0x400000, sizeof buf};
    report("process_vm_readv(1)", process_vm_readv(1, &local, 1, &remote, 1, 0) > 0);
    report("/proc/1/root", open("/proc/1/root/", O_RDONLY | O_DIRECTORY) >= 0);
    int ns = open("/proc/1/ns/mnt", O_RDONLY);
    report("/proc/1/ns/mnt", ns >= 0);
    report("/proc/1/mem", open("/proc/1/mem", O_RDONLY) >= 0);
    report("/proc/1/environ", open("/proc/1/environ", O_RDONLY) >= 0);
    report("umount /proc", umount2("/proc", MNT_DETACH) == 0);
    int own = open("/proc/self/ns/mnt", O_RDONLY);
    report("setns", setns(ns >= 0 ? ns : own, 0) == 0);
    puts("alive");
    return 0;
}
