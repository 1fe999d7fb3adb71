#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
int main(void) {
    long rc = ptrace(PTRACE_ATTACH, 1, 0, 0);
    printf("%ld %s\n", rc, strerror(errno));
    return 0;
}
