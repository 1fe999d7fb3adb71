import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

public class Main {
    // tokens: level-order serialization, "null" for a missing child.
    static List<List<String>> levelOrder(String[] tokens) {
        // Your code here.
        return new ArrayList<>();
    }

    public static void main(String[] args) throws IOException {
        String text = new String(System.in.readAllBytes()).trim();
        String[] tokens = text.isEmpty() ? new String[0] : text.split("\\s+");
        StringBuilder out = new StringBuilder();
        for (List<String> level : levelOrder(tokens)) out.append(String.join(" ", level)).append('\n');
        System.out.print(out);
    }
}
