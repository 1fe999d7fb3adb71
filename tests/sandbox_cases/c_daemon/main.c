#include <stdio.h>
#include <unistd.h>
int main(void) {
    if (fork() == 0) {
        setsid();
        if (fork() == 0) { close(1); close(2); for (;;) sleep(1); }
        _exit(0);
    }
    puts("parent done");
    return 0;
}
