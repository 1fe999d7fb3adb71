#include <iostream>
#include <vector>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n;
    cin >> n;
    vector<int> temps(n), wait(n, 0), stack;
    for (auto &x : temps) cin >> x;
    for (int day = 0; day < n; day++) {
        while (!stack.empty() && temps[stack.back()] < temps[day]) {
            wait[stack.back()] = day - stack.back();
            stack.pop_back();
        }
        stack.push_back(day);
    }
    for (int k = 0; k < n; k++) cout << (k ? " " : "") << wait[k];
    cout << "\n";
}
