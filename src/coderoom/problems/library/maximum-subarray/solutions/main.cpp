#include <algorithm>
#include <iostream>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n;
    cin >> n;
    long long best = 0, current = 0, value;
    for (int k = 0; k < n; k++) {
        cin >> value;
        current = k == 0 ? value : max(value, current + value);
        best = k == 0 ? current : max(best, current);
    }
    cout << best << "\n";
}
