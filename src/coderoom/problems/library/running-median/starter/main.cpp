#include <cstdio>
#include <iostream>
#include <vector>
using namespace std;

// Return the median after each value.
vector<double> runningMedians(const vector<long long> &values) {
    // Your code here.
    return {};
}

int main() {
    int n;
    cin >> n;
    vector<long long> values(n);
    for (auto &x : values) cin >> x;
    for (double median : runningMedians(values)) printf("%.1f\n", median);
}
