#include <algorithm>
#include <iostream>
#include <vector>
using namespace std;

int main() {
    int n, amount;
    cin >> n >> amount;
    vector<int> coins(n);
    for (auto &c : coins) cin >> c;
    vector<int> best(amount + 1, amount + 1);
    best[0] = 0;
    for (int total = 1; total <= amount; total++)
        for (int coin : coins)
            if (coin <= total) best[total] = min(best[total], best[total - coin] + 1);
    cout << (best[amount] <= amount ? best[amount] : -1) << "\n";
}
