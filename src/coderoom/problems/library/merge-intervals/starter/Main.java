import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

public class Main {
    static List<long[]> merge(long[][] intervals) {
        // Your code here.
        return new ArrayList<>();
    }

    public static void main(String[] args) throws IOException {
        String[] t = new String(System.in.readAllBytes()).trim().split("\\s+");
        int n = Integer.parseInt(t[0]);
        long[][] intervals = new long[n][2];
        for (int k = 0; k < n; k++) {
            intervals[k][0] = Long.parseLong(t[1 + 2 * k]);
            intervals[k][1] = Long.parseLong(t[2 + 2 * k]);
        }
        StringBuilder out = new StringBuilder();
        for (long[] iv : merge(intervals)) out.append(iv[0]).append(' ').append(iv[1]).append('\n');
        System.out.print(out);
    }
}
