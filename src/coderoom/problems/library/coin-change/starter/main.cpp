#include <iostream>
#include <vector>
using namespace std;

int coinChange(const vector<int> &coins, int amount) {
    // Your code here.
    return -1;
}

int main() {
    int n, amount;
    cin >> n >> amount;
    vector<int> coins(n);
    for (auto &c : coins) cin >> c;
    cout << coinChange(coins, amount) << "\n";
}
