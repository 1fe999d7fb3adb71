import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;

public class Main {
    static int lengthOfLongestSubstring(String s) {
        // Your code here.
        return 0;
    }

    public static void main(String[] args) throws IOException {
        String line = new BufferedReader(new InputStreamReader(System.in)).readLine();
        System.out.println(lengthOfLongestSubstring(line == null ? "" : line.trim()));
    }
}
