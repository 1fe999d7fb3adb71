#include <algorithm>
#include <iostream>
#include <string>
#include <unordered_map>
#include <vector>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int n;
    cin >> n;
    unordered_map<string, vector<string>> groups;
    for (int k = 0; k < n; k++) {
        string word;
        cin >> word;
        string key = word;
        sort(key.begin(), key.end());
        groups[key].push_back(word);
    }
    string out;
    for (auto &[key, group] : groups) {
        sort(group.begin(), group.end());
        for (size_t i = 0; i < group.size(); i++) {
            if (i) out += ' ';
            out += group[i];
        }
        out += '\n';
    }
    cout << out;
}
