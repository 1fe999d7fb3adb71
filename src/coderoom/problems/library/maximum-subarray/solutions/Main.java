import java.io.IOException;

public class Main {
    public static void main(String[] args) throws IOException {
        String[] t = new String(System.in.readAllBytes()).trim().split("\\s+");
        int n = Integer.parseInt(t[0]);
        long best = n > 0 ? Long.parseLong(t[1]) : 0, current = best;
        for (int k = 2; k <= n; k++) {
            long value = Long.parseLong(t[k]);
            current = Math.max(value, current + value);
            best = Math.max(best, current);
        }
        System.out.println(best);
    }
}
