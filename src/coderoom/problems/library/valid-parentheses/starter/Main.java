import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;

public class Main {
    static boolean isValid(String s) {
        // Your code here.
        return false;
    }

    public static void main(String[] args) throws IOException {
        String line = new BufferedReader(new InputStreamReader(System.in)).readLine();
        System.out.println(isValid(line == null ? "" : line.trim()) ? "true" : "false");
    }
}
