#include <iostream>
#include <vector>
using namespace std;

vector<int> dailyTemperatures(const vector<int> &temps) {
    // Your code here.
    return vector<int>(temps.size(), 0);
}

int main() {
    int n;
    cin >> n;
    vector<int> temps(n);
    for (auto &x : temps) cin >> x;
    vector<int> wait = dailyTemperatures(temps);
    for (size_t k = 0; k < wait.size(); k++) cout << (k ? " " : "") << wait[k];
    cout << "\n";
}
