/*
 * coderoom warm sandbox: one long-lived init per slot that builds the sandbox's root once
 * and then starts each run in a few syscalls instead of a whole bwrap set-up.
 * See docs/execution.md ("Warm sandbox") for the threat model.
 *
 *   zygote -s SOCK -n NETNS -f SECCOMP_FD [-b PATH]... [-l NAME:TARGET]... -- (no program)
 *
 * Start-up, Z0 (started by the server as host root):
 *   joins the slot's network namespace, drops supplementary groups, unshares a user
 *   namespace and says "userns"; the server writes the maps (ns uid 0 -> the slot's init
 *   uid, ns uid 1000 -> the slot's run uid; both unprivileged on the host) and answers
 *   "mapped"; Z0 becomes ns uid 0 (no host privilege left) and clones Z1 into new mount,
 *   pid, UTS and IPC namespaces, reports Z1's host pid ("pid N") and waits for it.
 * Z1 (pid 1 of the slot): builds a read-only tmpfs root (read-only binds of -b paths,
 *   symlinks, four device nodes, the slot's /proc, empty /box and /tmp), pivots into it,
 *   says "ready", then serves requests on SOCK (SOCK_SEQPACKET, one request a message):
 *     box SIZE      fresh tmpfs on /box for a job (owned by uid 1000), replaces the last
 *     put NAME      copy the file passed as fd (a memfd) to /box/NAME, owned by uid 1000
 *     unbox         unmount /box
 *     run ...       one step (see serve_run), fds: stdin, stdout, stderr, cgroup joins
 *   Replies: "0"/errno for box, put and unbox; "<errno> <wait_status> <cpu_us> <maxrss_kb>"
 *   for run. End of SOCK (the server is gone) ends the slot; a run in progress is killed.
 * Per run, R (clone of Z1: pid 1 of a new pid namespace, new mount and IPC namespaces):
 *   joins the run's cgroups through the fds the server opened, mounts a fresh /tmp and a
 *   /proc of its own, forks the program P and reaps every process of the run until P
 *   exits; then it exits, and the kernel kills whatever is left in its pid namespace.
 * P: new session, stdio, rlimits, empty capability bounding set, uid/gid 1000 with no
 *   groups (all capabilities gone), no_new_privs, seccomp, exec.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <linux/capability.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_ITEMS 64
#define MAX_FDS 8
#define MSG_MAX 65536
#define RUN_UID 1000
#define NEWROOT "/tmp"
#define MAX_INODES "4096"

static int sock = -1;
static struct sock_fprog seccomp_prog;
static int cap_last = 40;

static void fail(const char *what) {
    dprintf(2, "coderoom-zygote: %s: %s\n", what, strerror(errno));
    _exit(120);
}

static void say(const char *text) {
    if (send(sock, text, strlen(text), MSG_NOSIGNAL) < 0) fail("send");
}

static void expect(const char *text) {
    char buf[64];
    ssize_t n = recv(sock, buf, sizeof buf - 1, 0);
    if (n <= 0) fail("recv");
    buf[n] = 0;
    if (strcmp(buf, text) != 0) {
        errno = EPROTO;
        fail(text);
    }
}

static pid_t clone_fork(unsigned long flags) {
    return (pid_t)syscall(SYS_clone, flags | SIGCHLD, 0, 0, 0, 0);
}

/* ---- building the slot's root (once) ---------------------------------------------- */

static void mkdirs(const char *path) {
    char buf[4096];
    snprintf(buf, sizeof buf, "%s", path);
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/') continue;
        *p = 0;
        if (mkdir(buf, 0755) != 0 && errno != EEXIST) fail(buf);
        *p = '/';
    }
    if (mkdir(buf, 0755) != 0 && errno != EEXIST) fail(buf);
}

/* Read-only bind of a host path at the same place under the new root; missing is fine. */
static void bind_ro(const char *src, const char *name, int dev) {
    struct stat st;
    if (stat(src, &st) != 0) return;
    char dst[4096];
    snprintf(dst, sizeof dst, NEWROOT "%s", name);
    if (S_ISDIR(st.st_mode)) {
        mkdirs(dst);
    } else {
        char parent[4096];
        snprintf(parent, sizeof parent, "%s", dst);
        *strrchr(parent, '/') = 0;
        mkdirs(parent);
        int fd = open(dst, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
        if (fd < 0) fail(dst);
        close(fd);
    }
    if (mount(src, dst, NULL, MS_BIND | MS_REC, NULL) != 0) fail(dst);
    /* A user namespace may not clear flags the host set (they are locked): keep them. */
    struct statvfs sv;
    if (statvfs(dst, &sv) != 0) fail(dst);
    unsigned long flags = MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID;
    if (!dev) flags |= MS_NODEV;
    if (sv.f_flag & ST_NODEV) flags |= MS_NODEV;
    if (sv.f_flag & ST_NOEXEC) flags |= MS_NOEXEC;
    if (sv.f_flag & ST_NOATIME) flags |= MS_NOATIME;
    if (sv.f_flag & ST_NODIRATIME) flags |= MS_NODIRATIME;
    if (sv.f_flag & ST_RELATIME) flags |= MS_RELATIME;
    if (mount(NULL, dst, NULL, flags, NULL) != 0) fail(dst);
}

static void link_in_root(const char *target, const char *name) {
    char dst[4096];
    snprintf(dst, sizeof dst, NEWROOT "/%s", name);
    if (symlink(target, dst) != 0) fail(dst);
}

static void build_root(char **binds, int nbind, char **links, int nlink) {
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) fail("make-rprivate");
    if (sethostname("sandbox", 7) != 0) fail("sethostname");
    if (mount("tmpfs", NEWROOT, "tmpfs", MS_NOSUID | MS_NODEV, "mode=0755,size=1m") != 0)
        fail("root tmpfs");
    for (int i = 0; i < nbind; i++) bind_ro(binds[i], binds[i], 0);
    for (int i = 0; i < nlink; i++) {
        char *colon = strchr(links[i], ':');
        if (!colon) continue;
        *colon = 0;
        link_in_root(colon + 1, links[i]);
    }
    static const char *nodes[] = {"null", "zero", "full", "random", "urandom", "tty"};
    for (size_t i = 0; i < sizeof nodes / sizeof *nodes; i++) {
        char src[64];
        snprintf(src, sizeof src, "/dev/%s", nodes[i]);
        bind_ro(src, src, 1);
        /* ro on a device node is about the node's inode, not writes to the device */
    }
    link_in_root("/proc/self/fd", "dev/fd");
    link_in_root("/proc/self/fd/0", "dev/stdin");
    link_in_root("/proc/self/fd/1", "dev/stdout");
    link_in_root("/proc/self/fd/2", "dev/stderr");
    link_in_root("/tmp", "dev/shm"); /* POSIX shared memory lands in the run's own /tmp */
    mkdirs(NEWROOT "/box");
    mkdirs(NEWROOT "/tmp");
    mkdirs(NEWROOT "/proc");
    /* The slot's /proc: shows only the slot's pid namespace, and is what lets each run
     * mount a /proc of its own (the kernel wants a fully visible one to exist already). */
    if (mount("proc", NEWROOT "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) != 0)
        fail("proc");
    if (chdir(NEWROOT) != 0) fail("chdir newroot");
    if (syscall(SYS_pivot_root, ".", ".") != 0) fail("pivot_root");
    if (umount2(".", MNT_DETACH) != 0) fail("umount old root");
    if (chdir("/") != 0) fail("chdir /");
    if (mount(NULL, "/", NULL, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV, NULL))
        fail("remount root ro");
}

/* ---- one run ---------------------------------------------------------------------- */

struct run {
    char *tmp_size;
    char *limits[MAX_ITEMS];
    int nlim;
    char *env[MAX_ITEMS + 1];
    char *argv[MAX_ITEMS * 4 + 1];
    int fds[MAX_FDS];
    int nfds;
};

static int set_limit(const char *spec) {
    int res;
    unsigned long long soft, hard;
    if (sscanf(spec, "%d:%llu:%llu", &res, &soft, &hard) != 3) return EINVAL;
    struct rlimit rl = {(rlim_t)soft, (rlim_t)hard};
    return setrlimit(res, &rl) == 0 ? 0 : errno;
}

/* The program: everything below runs in the forked child of R, then execs. */
static void program(struct run *r, int err_fd) {
    int e = 0;
#define STEP(cond)              \
    if (!(cond)) {              \
        e = errno ? errno : EIO; \
        goto out;               \
    }
    STEP(setsid() >= 0);
    STEP(dup2(r->fds[0], 0) == 0 && dup2(r->fds[1], 1) == 1 && dup2(r->fds[2], 2) == 2);
    STEP(err_fd == 3 ? fcntl(3, F_SETFD, FD_CLOEXEC) == 0 : dup3(err_fd, 3, O_CLOEXEC) == 3);
    STEP(syscall(SYS_close_range, 4, ~0U, 0) == 0);
    err_fd = 3;
    STEP(chdir("/box") == 0);
    for (int i = 0; i < r->nlim; i++) {
        errno = set_limit(r->limits[i]);
        STEP(errno == 0);
    }
    for (int cap = 0; cap <= cap_last; cap++) STEP(prctl(PR_CAPBSET_DROP, cap, 0, 0, 0) == 0);
    STEP(setgroups(0, NULL) == 0);
    STEP(setresgid(RUN_UID, RUN_UID, RUN_UID) == 0);
    STEP(setresuid(RUN_UID, RUN_UID, RUN_UID) == 0); /* clears every capability */
    STEP(prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) == 0);
    struct __user_cap_header_struct hdr = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct data[2] = {{0, 0, 0}, {0, 0, 0}};
    STEP(syscall(SYS_capset, &hdr, data) == 0);
    STEP(prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0);
    STEP(prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) == 0);
    STEP(prctl(PR_SET_DUMPABLE, 1, 0, 0, 0) == 0);
    if (seccomp_prog.len) STEP(prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &seccomp_prog) == 0);
    execve(r->argv[0], r->argv, r->env);
    e = errno;
out:
    if (write(err_fd, &e, sizeof e) < 0) _exit(126);
    _exit(127);
#undef STEP
}

/* R: pid 1 of the run. Writes "<errno> <wait_status>" of the program to status_fd. */
static void run_init(struct run *r, int status_fd) {
    int result[2] = {0, 0};
    if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0) goto failed;
    close(sock);
    for (int i = 3; i < r->nfds; i++) {
        if (write(r->fds[i], "0\n", 2) != 2) goto failed; /* join the run's cgroups */
        close(r->fds[i]);
    }
    if (unshare(CLONE_NEWCGROUP) != 0) goto failed;
    char options[128];
    snprintf(options, sizeof options, "mode=1777,nr_inodes=" MAX_INODES ",size=%llu",
             strtoull(r->tmp_size, NULL, 10));
    if (mount("tmpfs", "/tmp", "tmpfs", MS_NOSUID | MS_NODEV, options) != 0) goto failed;
    if (mount("proc", "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) != 0) goto failed;
    int errpipe[2];
    if (pipe2(errpipe, O_CLOEXEC) != 0) goto failed;
    pid_t pid = fork();
    if (pid < 0) goto failed;
    if (pid == 0) {
        close(errpipe[0]);
        program(r, errpipe[1]);
    }
    close(errpipe[1]);
    for (int i = 0; i < 3; i++) close(r->fds[i]);
    if (read(errpipe[0], &result[0], sizeof result[0]) <= 0) result[0] = 0;
    for (;;) {
        int st;
        pid_t done = waitpid(-1, &st, __WALL);
        if (done == pid) {
            result[1] = st;
            break;
        }
        if (done < 0 && errno != EINTR) break;
    }
    goto report;
failed:
    result[0] = errno ? errno : EIO;
    dprintf(2, "coderoom-zygote: run set-up: %s\n", strerror(result[0]));
report:
    if (write(status_fd, result, sizeof result) < 0) _exit(121);
    _exit(0); /* the kernel now kills every other process of the run */
}

static int parse_run(char *msg, size_t len, struct run *r) {
    char *fields[MAX_ITEMS * 6];
    int n = 0;
    for (char *p = msg; p < msg + len && n < (int)(sizeof fields / sizeof *fields);) {
        fields[n++] = p;
        p += strlen(p) + 1;
    }
    int i = 1; /* fields[0] == "run" */
    if (n < 5) return EINVAL;
    r->tmp_size = fields[i++];
    int count = atoi(fields[i++]);
    if (count < 0 || count > MAX_ITEMS || i + count > n) return EINVAL;
    r->nlim = count;
    for (int k = 0; k < count; k++) r->limits[k] = fields[i++];
    count = atoi(fields[i++]);
    if (count < 0 || count > MAX_ITEMS || i + count > n) return EINVAL;
    for (int k = 0; k < count; k++) r->env[k] = fields[i++];
    r->env[count] = NULL;
    count = atoi(fields[i++]);
    if (count < 1 || count > MAX_ITEMS * 4 || i + count > n) return EINVAL;
    for (int k = 0; k < count; k++) r->argv[k] = fields[i++];
    r->argv[count] = NULL;
    if (r->argv[0][0] != '/' || r->nfds < 3) return EINVAL;
    return 0;
}

static void serve_run(char *msg, size_t len, struct run *r) {
    char reply[128];
    int e = parse_run(msg, len, r), status[2] = {0, 0};
    long long cpu_us = 0;
    long maxrss = 0;
    int pipefd[2] = {-1, -1};
    if (e) goto done;
    if (pipe2(pipefd, O_CLOEXEC) != 0) {
        e = errno;
        goto done;
    }
    pid_t pid = clone_fork(CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWIPC);
    if (pid < 0) {
        e = errno;
        goto done;
    }
    if (pid == 0) {
        close(pipefd[0]);
        run_init(r, pipefd[1]);
    }
    close(pipefd[1]);
    pipefd[1] = -1;
    for (int i = 0; i < r->nfds; i++) close(r->fds[i]);
    r->nfds = 0;
    int pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
    if (pidfd >= 0) {
        /* Wait for R, or for the server to go away (then the run dies with the slot). */
        struct pollfd fds[2] = {{pidfd, POLLIN, 0}, {sock, POLLRDHUP, 0}};
        for (;;) {
            if (poll(fds, 2, -1) < 0 && errno != EINTR) break;
            if (fds[0].revents) break;
            if (fds[1].revents & (POLLHUP | POLLRDHUP | POLLERR)) {
                kill(pid, SIGKILL);
                _exit(0);
            }
            if (fds[1].revents) fds[1].fd = -1; /* a stray message waits for the next turn */
        }
        close(pidfd);
    }
    int st;
    struct rusage ru;
    while (wait4(pid, &st, __WALL, &ru) < 0) {
        if (errno != EINTR) fail("wait4");
    }
    cpu_us = (long long)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000LL +
             ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
    maxrss = ru.ru_maxrss;
    if (read(pipefd[0], status, sizeof status) != sizeof status) {
        status[0] = 0; /* R was killed (deadline): its own status stands for the run's */
        status[1] = st;
    }
    e = status[0];
done:
    for (int i = 0; i < r->nfds; i++) close(r->fds[i]);
    if (pipefd[0] >= 0) close(pipefd[0]);
    if (pipefd[1] >= 0) close(pipefd[1]);
    snprintf(reply, sizeof reply, "%d %d %lld %ld", e, status[1], cpu_us, maxrss);
    say(reply);
}

static void serve_box(const char *size) {
    char options[160], reply[16];
    int e = 0;
    if (umount2("/box", MNT_DETACH) != 0 && errno != EINVAL) e = errno;
    snprintf(options, sizeof options, "mode=0700,uid=%d,gid=%d,nr_inodes=" MAX_INODES ",size=%llu",
             RUN_UID, RUN_UID, strtoull(size, NULL, 10));
    if (!e && mount("tmpfs", "/box", "tmpfs", MS_NOSUID | MS_NODEV, options) != 0) e = errno;
    snprintf(reply, sizeof reply, "%d", e);
    say(reply);
}

/* The server cannot create files there itself: its uid is not mapped in the slot. */
static int put_file(const char *name, int src) {
    if (!*name || strchr(name, '/') || !strcmp(name, ".") || !strcmp(name, "..")) return EINVAL;
    char path[4096], buf[65536];
    snprintf(path, sizeof path, "/box/%s", name);
    int out = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (out < 0) return errno;
    int e = 0;
    ssize_t n;
    while ((n = read(src, buf, sizeof buf)) > 0) {
        for (ssize_t done = 0; done < n;) {
            ssize_t w = write(out, buf + done, (size_t)(n - done));
            if (w < 0) {
                e = errno;
                goto out;
            }
            done += w;
        }
    }
    if (n < 0) e = errno;
    if (!e && fchown(out, RUN_UID, RUN_UID) != 0) e = errno;
out:
    close(out);
    return e;
}

static void serve(void) {
    static char msg[MSG_MAX + 1];
    for (;;) {
        struct run r = {0};
        char control[CMSG_SPACE(sizeof(int) * MAX_FDS)];
        struct iovec iov = {msg, MSG_MAX};
        struct msghdr mh = {0};
        mh.msg_iov = &iov;
        mh.msg_iovlen = 1;
        mh.msg_control = control;
        mh.msg_controllen = sizeof control;
        ssize_t n = recvmsg(sock, &mh, MSG_CMSG_CLOEXEC);
        if (n == 0) _exit(0); /* the server is gone */
        if (n < 0) {
            if (errno == EINTR) continue;
            fail("recvmsg");
        }
        msg[n] = 0;
        for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
            if (c->cmsg_level != SOL_SOCKET || c->cmsg_type != SCM_RIGHTS) continue;
            int count = (int)((c->cmsg_len - CMSG_LEN(0)) / sizeof(int));
            for (int i = 0; i < count && r.nfds < MAX_FDS; i++)
                memcpy(&r.fds[r.nfds++], CMSG_DATA(c) + i * sizeof(int), sizeof(int));
        }
        if (strcmp(msg, "run") == 0) {
            serve_run(msg, (size_t)n, &r);
            continue;
        }
        char reply[16];
        if (strncmp(msg, "put ", 4) == 0) {
            snprintf(reply, sizeof reply, "%d", r.nfds == 1 ? put_file(msg + 4, r.fds[0]) : EINVAL);
            say(reply);
        }
        for (int i = 0; i < r.nfds; i++) close(r.fds[i]);
        if (strncmp(msg, "put ", 4) == 0) {
            continue;
        } else if (strncmp(msg, "box ", 4) == 0) {
            serve_box(msg + 4);
        } else if (strcmp(msg, "unbox") == 0) {
            snprintf(reply, sizeof reply, "%d",
                     umount2("/box", MNT_DETACH) == 0 || errno == EINVAL ? 0 : errno);
            say(reply);
        } else {
            say("22");
        }
    }
}

static void read_seccomp(int fd) {
    static struct sock_filter program_buf[512];
    size_t got = 0;
    ssize_t n;
    while ((n = read(fd, (char *)program_buf + got, sizeof program_buf - got)) > 0) got += n;
    if (n < 0) fail("read seccomp");
    close(fd);
    seccomp_prog.len = (unsigned short)(got / sizeof(struct sock_filter));
    seccomp_prog.filter = program_buf;
}

int main(int argc, char **argv) {
    int netns = -1, seccomp_fd = -1, nbind = 0, nlink = 0, opt;
    char *binds[MAX_ITEMS], *links[MAX_ITEMS];
    while ((opt = getopt(argc, argv, "+s:n:f:b:l:")) != -1) {
        switch (opt) {
        case 's': sock = atoi(optarg); break;
        case 'n': netns = atoi(optarg); break;
        case 'f': seccomp_fd = atoi(optarg); break;
        case 'b': if (nbind < MAX_ITEMS) binds[nbind++] = optarg; break;
        case 'l': if (nlink < MAX_ITEMS) links[nlink++] = optarg; break;
        default: return 122;
        }
    }
    if (sock < 0) return 122;
    if (fcntl(sock, F_SETFD, FD_CLOEXEC) != 0) fail("cloexec");
    signal(SIGPIPE, SIG_IGN);
    FILE *f = fopen("/proc/sys/kernel/cap_last_cap", "re");
    if (f) {
        if (fscanf(f, "%d", &cap_last) != 1) cap_last = 40;
        fclose(f);
    }
    if (seccomp_fd >= 0) read_seccomp(seccomp_fd);
    /* Z0: host root only for the next three calls. */
    if (netns >= 0 && (setns(netns, CLONE_NEWNET) != 0 || close(netns) != 0)) fail("setns");
    if (setgroups(0, NULL) != 0) fail("setgroups");
    if (unshare(CLONE_NEWUSER) != 0) fail("unshare user");
    say("userns");
    expect("mapped");
    if (setresgid(0, 0, 0) != 0 || setresuid(0, 0, 0) != 0) fail("become ns root");
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) fail("dumpable");
    int sync[2];
    if (pipe2(sync, O_CLOEXEC) != 0) fail("pipe");
    pid_t z1 = clone_fork(CLONE_NEWNS | CLONE_NEWPID | CLONE_NEWUTS | CLONE_NEWIPC);
    if (z1 < 0) fail("clone slot");
    if (z1 == 0) {
        char byte;
        close(sync[1]);
        if (prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0) != 0) fail("pdeathsig");
        if (read(sync[0], &byte, 1) < 0) fail("sync");
        close(sync[0]);
        build_root(binds, nbind, links, nlink);
        say("ready");
        serve();
    }
    char text[32];
    snprintf(text, sizeof text, "pid %d", z1);
    say(text);
    close(sock);
    close(sync[0]);
    close(sync[1]); /* Z1 goes on */
    int st;
    while (waitpid(z1, &st, 0) < 0) {
        if (errno != EINTR) return 121;
    }
    return 0;
}
