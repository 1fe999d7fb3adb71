import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;

public class Main {
    public static void main(String[] args) throws IOException {
        String[] t = new String(System.in.readAllBytes()).trim().split("\\s+");
        int n = Integer.parseInt(t[0]);
        HashMap<String, List<String>> groups = new HashMap<>();
        for (int k = 1; k <= n; k++) {
            char[] letters = t[k].toCharArray();
            Arrays.sort(letters);
            groups.computeIfAbsent(new String(letters), key -> new ArrayList<>()).add(t[k]);
        }
        StringBuilder out = new StringBuilder();
        for (List<String> group : groups.values()) {
            Collections.sort(group);
            out.append(String.join(" ", group)).append('\n');
        }
        System.out.print(out);
    }
}
