#include <iostream>
#include <string>
#include <vector>
using namespace std;

// tokens: level-order serialization, "null" for a missing child.
vector<vector<string>> levelOrder(const vector<string> &tokens) {
    // Your code here.
    return {};
}

int main() {
    vector<string> tokens;
    string tok;
    while (cin >> tok) tokens.push_back(tok);
    for (auto &level : levelOrder(tokens)) {
        for (size_t k = 0; k < level.size(); k++) cout << (k ? " " : "") << level[k];
        cout << "\n";
    }
}
