/* A user namespace would give the program every capability over what it creates inside it
 * (mounts over /box, its own /proc, ...). Every way to make a namespace must fail, while
 * fork and threads (glibc tries clone3 first, then clone) keep working. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static void try_clone(const char *name, unsigned long flag) {
    long pid = syscall(SYS_clone, flag | SIGCHLD, 0, 0, 0, 0);
    if (pid == 0) _exit(0);
    if (pid > 0) waitpid((pid_t)pid, NULL, 0);
    printf("clone(%s) %s\n", name, pid >= 0 ? "CREATED" : strerror(errno));
}

static void *thread(void *arg) { return arg; }

int main(void) {
    try_clone("CLONE_NEWUSER", CLONE_NEWUSER);
    try_clone("CLONE_NEWNS", CLONE_NEWNS);
    try_clone("CLONE_NEWPID", CLONE_NEWPID);
    try_clone("CLONE_NEWNET", CLONE_NEWNET);
    try_clone("CLONE_NEWIPC", CLONE_NEWIPC);
    unsigned long long args[11] = {CLONE_NEWUSER, 0, 0, 0, SIGCHLD, 0, 0, 0, 0, 0, 0};
    long pid = syscall(435 /* clone3 */, args, sizeof args);
    if (pid == 0) _exit(0);
    printf("clone3 %s\n", pid >= 0 ? "CREATED" : strerror(errno));
    printf("unshare(CLONE_NEWIPC) %s\n", unshare(CLONE_NEWIPC) == 0 ? "CREATED" : strerror(errno));
    pid_t child = fork();
    if (child == 0) _exit(7);
    int status = 0;
    waitpid(child, &status, 0);
    printf("fork %s\n", WIFEXITED(status) && WEXITSTATUS(status) == 7 ? "ok" : "FAILED");
    pthread_t t;
    int made = pthread_create(&t, NULL, thread, NULL) == 0 && pthread_join(t, NULL) == 0;
    printf("thread %s\n", made ? "ok" : "FAILED");
    return 0;
}
