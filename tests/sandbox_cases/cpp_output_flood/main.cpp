#include <cstdio>
int main() { for (;;) std::fputs("flood flood flood\n", stderr); }
