#include <iostream>
#include <string>
#include <vector>
using namespace std;

int main() {
    ios::sync_with_stdio(false);
    cin.tie(nullptr);
    int r, c;
    cin >> r >> c;
    string grid;
    for (int k = 0; k < r; k++) {
        string row;
        cin >> row;
        grid += row;
    }
    int target = r * c - 1;
    vector<int> dist(r * c, -1), queue;
    queue.reserve(r * c);
    if (grid[0] == '.' && grid[target] == '.') {
        dist[0] = 0;
        queue.push_back(0);
        int dr[] = {-1, 1, 0, 0}, dc[] = {0, 0, -1, 1};
        for (size_t head = 0; head < queue.size(); head++) {
            int cell = queue[head], row = cell / c, col = cell % c;
            for (int d = 0; d < 4; d++) {
                int nr = row + dr[d], nc = col + dc[d];
                if (nr < 0 || nr >= r || nc < 0 || nc >= c) continue;
                int n = nr * c + nc;
                if (dist[n] < 0 && grid[n] == '.') {
                    dist[n] = dist[cell] + 1;
                    queue.push_back(n);
                }
            }
        }
    }
    cout << dist[target] << "\n";
}
