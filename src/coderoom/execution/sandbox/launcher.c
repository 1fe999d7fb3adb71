/*
 * coderoom sandbox launcher: the only code between the Python runner and bwrap.
 *
 * It exists because doing this from Python needs subprocess's preexec_fn, which forces a
 * full fork() of the (large) server process: measured 35 ms per run versus ~1 ms here.
 *
 *   launcher [-u UID] [-g GID] [-c CGROUP_JOIN_FILE]... [-r RES:SOFT:HARD]... [-n NETNS_FD]
 *            [-s FD] -- /abs/program args...
 *
 * The launcher stays root and outside the run's cgroups. It becomes a child subreaper and
 * forks the child that joins the cgroups, enters the slot's network namespace (created once
 * by the server: a new one per run costs ~1 ms of CPU plus its teardown in a kworker), sets
 * rlimits, drops to UID/GID with no supplementary groups and no_new_privs, and execs the
 * program (bwrap). Every process of
 * the run that gets orphaned is reparented here and reaped, so no zombie is left counting
 * against the uid's process limit. When the last descendant is gone it writes
 * "<exec_errno> <wait_status> <cpu_us> <maxrss_kb>\n" to FD and exits 0.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_ITEMS 16

/* In the child, set-up failures are reported through this pipe, like a failed exec. */
static int err_fd = -1;

static void die(const char *what) {
    int e = errno ? errno : EINVAL;
    dprintf(2, "coderoom-launcher: %s: %s\n", what, strerror(e));
    if (err_fd >= 0 && write(err_fd, &e, sizeof e) < 0) _exit(121);
    _exit(120);
}

static void join_cgroup(const char *join_file) {
    int fd = open(join_file, O_WRONLY | O_CLOEXEC);
    if (fd < 0 || write(fd, "0\n", 2) != 2) die(join_file);
    close(fd);
}

static void set_limit(const char *spec) {
    int res;
    unsigned long long soft, hard;
    if (sscanf(spec, "%d:%llu:%llu", &res, &soft, &hard) != 3) {
        errno = EINVAL;
        die(spec);
    }
    struct rlimit rl = {(rlim_t)soft, (rlim_t)hard};
    if (setrlimit(res, &rl) != 0) die(spec);
}

static void child(char **argv, int uid, int gid, int netns_fd, char **cgroups, int ncg,
                  char **limits, int nlim) {
    for (int i = 0; i < ncg; i++) join_cgroup(cgroups[i]);
    if (netns_fd >= 0 && (setns(netns_fd, CLONE_NEWNET) != 0 || close(netns_fd) != 0))
        die("setns");
    for (int i = 0; i < nlim; i++) set_limit(limits[i]);
    if (gid >= 0 && (setgroups(0, NULL) != 0 || setresgid(gid, gid, gid) != 0)) die("setgid");
    if (uid >= 0 && setresuid(uid, uid, uid) != 0) die("setuid");
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) die("no_new_privs");
    if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0) die("pdeathsig");
    execv(argv[0], argv);
    die(argv[0]);
}

int main(int argc, char **argv) {
    int uid = -1, gid = -1, netns_fd = -1, status_fd = -1, ncg = 0, nlim = 0, opt;
    char *cgroups[MAX_ITEMS], *limits[MAX_ITEMS];
    while ((opt = getopt(argc, argv, "+u:g:c:r:n:s:")) != -1) {
        switch (opt) {
        case 'u': uid = atoi(optarg); break;
        case 'g': gid = atoi(optarg); break;
        case 'n': netns_fd = atoi(optarg); break;
        case 's': status_fd = atoi(optarg); break;
        case 'c': if (ncg < MAX_ITEMS) cgroups[ncg++] = optarg; break;
        case 'r': if (nlim < MAX_ITEMS) limits[nlim++] = optarg; break;
        default: return 122;
        }
    }
    if (optind >= argc || argv[optind][0] != '/') return 122;
    if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0) die("pdeathsig");
    if (prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) != 0) die("subreaper");
    int pipefd[2];
    if (pipe2(pipefd, O_CLOEXEC) != 0) die("pipe");
    pid_t pid = fork();
    if (pid < 0) die("fork");
    if (pid == 0) {
        close(pipefd[0]);
        err_fd = pipefd[1];
        child(argv + optind, uid, gid, netns_fd, cgroups, ncg, limits, nlim);
    }
    close(pipefd[1]);
    if (netns_fd >= 0) close(netns_fd);
    int exec_errno = 0;
    if (read(pipefd[0], &exec_errno, sizeof exec_errno) <= 0) exec_errno = 0;
    close(pipefd[0]);
    int main_status = 0, st;
    pid_t done;
    for (;;) {
        done = waitpid(-1, &st, __WALL);
        if (done == pid) main_status = st;
        if (done < 0 && errno == ECHILD) break;
        if (done < 0 && errno != EINTR) die("waitpid");
    }
    struct rusage ru;
    getrusage(RUSAGE_CHILDREN, &ru);
    long long cpu_us = (long long)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000LL +
                       ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
    if (status_fd >= 0)
        dprintf(status_fd, "%d %d %lld %ld\n", exec_errno, main_status, cpu_us, ru.ru_maxrss);
    return 0;
}
