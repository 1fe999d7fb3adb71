#include <algorithm>
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
    vector<pair<long long, long long>> meetings(n);
    for (auto &[s, e] : meetings) cin >> s >> e;
    sort(meetings.begin(), meetings.end());
    priority_queue<long long, vector<long long>, greater<long long>> ends;
    for (auto [s, e] : meetings) {
        if (!ends.empty() && ends.top() <= s) ends.pop();
        ends.push(e);
    }
    cout << ends.size() << "\n";
}
