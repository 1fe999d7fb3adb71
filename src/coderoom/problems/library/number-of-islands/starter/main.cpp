#include <iostream>
#include <string>
#include <vector>
using namespace std;

// grid[row][col] is '1' (land) or '0' (water).
int countIslands(const vector<string> &grid) {
    // Your code here.
    return 0;
}

int main() {
    int r, c;
    cin >> r >> c;
    vector<string> grid(r);
    for (auto &row : grid) cin >> row;
    cout << countIslands(grid) << "\n";
}
