#include <iostream>
#include <vector>
using namespace std;

int longestIncreasingSubsequence(const vector<long long> &values) {
    // Your code here.
    return 0;
}

int main() {
    int n;
    cin >> n;
    vector<long long> values(n);
    for (auto &x : values) cin >> x;
    cout << longestIncreasingSubsequence(values) << "\n";
}
