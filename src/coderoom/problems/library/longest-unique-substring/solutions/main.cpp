#include <algorithm>
#include <iostream>
#include <string>
#include <vector>
using namespace std;

int main() {
    string s;
    getline(cin, s);
    while (!s.empty() && (s.back() == '\r' || s.back() == ' ')) s.pop_back();
    vector<int> last(256, -1);
    int start = 0, best = 0;
    for (int i = 0; i < (int)s.size(); i++) {
        unsigned char ch = s[i];
        if (last[ch] >= start) start = last[ch] + 1;
        last[ch] = i;
        best = max(best, i - start + 1);
    }
    cout << best << "\n";
}
