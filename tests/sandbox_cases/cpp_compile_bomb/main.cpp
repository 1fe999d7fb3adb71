template <int N> struct Boom { static const int v = Boom<N - 1>::v + Boom<N - 2>::v; };
template <> struct Boom<0> { static const int v = 1; };
template <> struct Boom<1> { static const int v = 1; };
int main() { return Boom<100000>::v; }
