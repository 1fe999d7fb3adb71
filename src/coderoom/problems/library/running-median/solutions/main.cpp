#include <cstdio>
#include <functional>
#include <iostream>
#include <queue>
#include <vector>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n;
    cin >> n;
    priority_queue<long long> low;
    priority_queue<long long, vector<long long>, greater<long long>> high;
    string out;
    char buf[32];
    for (int k = 0; k < n; k++) {
        long long value;
        cin >> value;
        if (!low.empty() && value > low.top()) high.push(value);
        else low.push(value);
        if (low.size() > high.size() + 1) { high.push(low.top()); low.pop(); }
        else if (high.size() > low.size()) { low.push(high.top()); high.pop(); }
        double median = low.size() > high.size() ? low.top() : (low.top() + high.top()) / 2.0;
        snprintf(buf, sizeof buf, "%.1f\n", median);
        out += buf;
    }
    cout << out;
}
