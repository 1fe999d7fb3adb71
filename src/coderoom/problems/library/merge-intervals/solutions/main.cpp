#include <algorithm>
#include <iostream>
#include <vector>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n;
    cin >> n;
    vector<pair<long long, long long>> p(n);
    for (auto &[a, b] : p) cin >> a >> b;
    sort(p.begin(), p.end());
    vector<pair<long long, long long>> merged;
    for (auto [a, b] : p) {
        if (!merged.empty() && a <= merged.back().second)
            merged.back().second = max(merged.back().second, b);
        else
            merged.push_back({a, b});
    }
    for (auto [a, b] : merged) cout << a << ' ' << b << '\n';
}
