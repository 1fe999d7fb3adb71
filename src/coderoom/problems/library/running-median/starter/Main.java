import java.io.IOException;

public class Main {
    // Return the median after each value.
    static double[] runningMedians(long[] values) {
        // Your code here.
        return new double[0];
    }

    public static void main(String[] args) throws IOException {
        String[] t = new String(System.in.readAllBytes()).trim().split("\\s+");
        int n = Integer.parseInt(t[0]);
        long[] values = new long[n];
        for (int k = 0; k < n; k++) values[k] = Long.parseLong(t[1 + k]);
        StringBuilder out = new StringBuilder();
        for (double median : runningMedians(values)) out.append(median).append('\n');
        System.out.print(out);
    }
}
