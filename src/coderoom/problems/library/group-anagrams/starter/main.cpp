#include <iostream>
#include <string>
#include <vector>
using namespace std;

vector<vector<string>> groupAnagrams(const vector<string> &words) {
    // Your code here. Sort the words inside each group; the group order is free.
    return {};
}

int main() {
    int n;
    cin >> n;
    vector<string> words(n);
    for (auto &w : words) cin >> w;
    for (auto &group : groupAnagrams(words)) {
        for (size_t i = 0; i < group.size(); i++) cout << (i ? " " : "") << group[i];
        cout << "\n";
    }
}
