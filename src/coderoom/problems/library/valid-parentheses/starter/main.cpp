#include <iostream>
#include <string>
using namespace std;

bool isValid(const string &s) {
    // Your code here.
    return false;
}

int main() {
    string s;
    getline(cin, s);
    cout << (isValid(s) ? "true" : "false") << "\n";
}
