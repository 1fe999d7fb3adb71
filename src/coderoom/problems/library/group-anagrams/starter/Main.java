import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

public class Main {
    static List<List<String>> groupAnagrams(String[] words) {
        // Your code here. Sort the words inside each group; the group order is free.
        return new ArrayList<>();
    }

    public static void main(String[] args) throws IOException {
        String[] t = new String(System.in.readAllBytes()).trim().split("\\s+");
        int n = Integer.parseInt(t[0]);
        String[] words = new String[n];
        System.arraycopy(t, 1, words, 0, n);
        StringBuilder out = new StringBuilder();
        for (List<String> group : groupAnagrams(words)) out.append(String.join(" ", group)).append('\n');
        System.out.print(out);
    }
}
