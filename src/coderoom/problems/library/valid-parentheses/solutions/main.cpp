#include <iostream>
#include <string>
#include <vector>
using namespace std;

bool valid(const string &s) {
    vector<char> stack;
    for (char ch : s) {
        if (ch == '(' || ch == '[' || ch == '{') {
            stack.push_back(ch);
        } else if (ch == ')' || ch == ']' || ch == '}') {
            char want = ch == ')' ? '(' : ch == ']' ? '[' : '{';
            if (stack.empty() || stack.back() != want) return false;
            stack.pop_back();
        }
    }
    return stack.empty();
}

int main() {
    string s;
    getline(cin, s);
    cout << (valid(s) ? "true" : "false") << "\n";
}
