#include <iostream>
#include <string>
using namespace std;

int lengthOfLongestSubstring(const string &s) {
    // Your code here.
    return 0;
}

int main() {
    string s;
    getline(cin, s);
    cout << lengthOfLongestSubstring(s) << "\n";
}
