#include <iostream>
#include <utility>
#include <vector>
using namespace std;

// Return {i, j} with i < j and values[i] + values[j] == target, or {-1, -1}.
pair<int, int> twoSum(const vector<long long> &values, long long target) {
    return {-1, -1};
}

int main() {
    int n;
    cin >> n;
    vector<long long> values(n);
    for (auto &x : values) cin >> x;
    long long target;
    cin >> target;
    auto [i, j] = twoSum(values, target);
    if (i < 0) cout << -1 << "\n";
    else cout << i << " " << j << "\n";
}
