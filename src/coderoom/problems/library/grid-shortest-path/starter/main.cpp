#include <iostream>
#include <string>
#include <vector>
using namespace std;

// grid[row][col] is '.' (open) or '#' (wall).
int shortestPath(const vector<string> &grid) {
    // Your code here.
    return -1;
}

int main() {
    int r, c;
    cin >> r >> c;
    vector<string> grid(r);
    for (auto &row : grid) cin >> row;
    cout << shortestPath(grid) << "\n";
}
