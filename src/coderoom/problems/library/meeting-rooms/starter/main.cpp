#include <iostream>
#include <vector>
using namespace std;

// Each meeting is {start, end}, half-open.
int minRooms(const vector<pair<long long, long long>> &meetings) {
    // Your code here.
    return 0;
}

int main() {
    int n;
    cin >> n;
    vector<pair<long long, long long>> meetings(n);
    for (auto &[s, e] : meetings) cin >> s >> e;
    cout << minRooms(meetings) << "\n";
}
