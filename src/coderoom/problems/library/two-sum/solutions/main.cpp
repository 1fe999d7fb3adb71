#include <iostream>
#include <unordered_map>
#include <vector>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n;
    cin >> n;
    vector<long long> a(n);
    for (auto &x : a) cin >> x;
    long long target;
    cin >> target;
    unordered_map<long long, int> first;
    first.reserve(n * 2 + 1);
    for (int j = 0; j < n; j++) {
        auto it = first.find(target - a[j]);
        if (it != first.end()) {
            cout << it->second << " " << j << "\n";
            return 0;
        }
        first.emplace(a[j], j);
    }
    cout << -1 << "\n";
}
