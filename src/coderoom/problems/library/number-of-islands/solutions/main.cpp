#include <iostream>
#include <string>
#include <vector>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int r, c;
    cin >> r >> c;
    vector<char> land(r * c);
    for (int i = 0; i < r; i++) {
        string row;
        cin >> row;
        for (int j = 0; j < c; j++) land[i * c + j] = row[j] == '1';
    }
    vector<int> stack;
    int islands = 0;
    for (int start = 0; start < r * c; start++) {
        if (!land[start]) continue;
        islands++;
        land[start] = 0;
        stack.push_back(start);
        while (!stack.empty()) {
            int cell = stack.back();
            stack.pop_back();
            int row = cell / c, col = cell % c;
            if (row > 0 && land[cell - c]) { land[cell - c] = 0; stack.push_back(cell - c); }
            if (row < r - 1 && land[cell + c]) { land[cell + c] = 0; stack.push_back(cell + c); }
            if (col > 0 && land[cell - 1]) { land[cell - 1] = 0; stack.push_back(cell - 1); }
            if (col < c - 1 && land[cell + 1]) { land[cell + 1] = 0; stack.push_back(cell + 1); }
        }
    }
    cout << islands << "\n";
}
