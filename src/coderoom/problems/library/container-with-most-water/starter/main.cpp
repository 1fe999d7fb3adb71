#include <iostream>
#include <vector>
using namespace std;

long long maxArea(const vector<long long> &heights) {
    // Your code here.
    return 0;
}

int main() {
    int n;
    cin >> n;
    vector<long long> heights(n);
    for (auto &x : heights) cin >> x;
    cout << maxArea(heights) << "\n";
}
