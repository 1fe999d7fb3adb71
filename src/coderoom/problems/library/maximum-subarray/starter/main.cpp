#include <iostream>
#include <vector>
using namespace std;

long long maxSubarray(const vector<long long> &values) {
    // Your code here (return 0 for an empty array).
    return 0;
}

int main() {
    int n;
    cin >> n;
    vector<long long> values(n);
    for (auto &x : values) cin >> x;
    cout << maxSubarray(values) << "\n";
}
