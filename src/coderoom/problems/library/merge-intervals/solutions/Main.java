import java.io.IOException;
import java.util.Arrays;

public class Main {
    public static void main(String[] args) throws IOException {
        String[] t = new String(System.in.readAllBytes()).trim().split("\\s+");
        int n = Integer.parseInt(t[0]);
        long[][] pairs = new long[n][2];
        for (int k = 0; k < n; k++) {
            pairs[k][0] = Long.parseLong(t[1 + 2 * k]);
            pairs[k][1] = Long.parseLong(t[2 + 2 * k]);
        }
        Arrays.sort(pairs, (x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
        StringBuilder out = new StringBuilder();
        int k = 0;
        while (k < n) {
            long a = pairs[k][0], b = pairs[k][1];
            k++;
            while (k < n && pairs[k][0] <= b) {
                b = Math.max(b, pairs[k][1]);
                k++;
            }
            out.append(a).append(' ').append(b).append('\n');
        }
        System.out.print(out);
    }
}
