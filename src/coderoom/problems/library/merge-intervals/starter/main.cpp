#include <iostream>
#include <vector>
using namespace std;

vector<pair<long long, long long>> merge(vector<pair<long long, long long>> intervals) {
    // Your code here.
    return {};
}

int main() {
    int n;
    cin >> n;
    vector<pair<long long, long long>> intervals(n);
    for (auto &[a, b] : intervals) cin >> a >> b;
    for (auto [a, b] : merge(intervals)) cout << a << ' ' << b << '\n';
}
