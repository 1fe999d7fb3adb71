#include <iostream>
#include <string>
#include <vector>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    vector<string> t;
    string tok;
    while (cin >> tok) t.push_back(tok);
    if (t.empty() || t[0] == "null") return 0;
    vector<int> val{stoi(t[0])}, left{-1}, right{-1};
    size_t head = 0, i = 1;
    while (i < t.size()) {
        int node = (int)head++;
        for (int side = 0; side < 2; side++, i++) {
            if (i < t.size() && t[i] != "null") {
                val.push_back(stoi(t[i]));
                left.push_back(-1);
                right.push_back(-1);
                (side == 0 ? left : right)[node] = (int)val.size() - 1;
            }
        }
    }
    // Nodes were created in level order, so node ids are also the BFS order.
    string out;
    vector<int> level{0};
    while (!level.empty()) {
        vector<int> next;
        for (size_t k = 0; k < level.size(); k++) {
            int n = level[k];
            if (k) out += ' ';
            out += to_string(val[n]);
            if (left[n] >= 0) next.push_back(left[n]);
            if (right[n] >= 0) next.push_back(right[n]);
        }
        out += '\n';
        level.swap(next);
    }
    cout << out;
}
