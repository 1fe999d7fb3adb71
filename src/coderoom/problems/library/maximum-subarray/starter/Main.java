import java.io.IOException;

public class Main {
    static long maxSubarray(long[] values) {
        // Your code here (return 0 for an empty array).
        return 0;
    }

    public static void main(String[] args) throws IOException {
        String[] t = new String(System.in.readAllBytes()).trim().split("\\s+");
        int n = Integer.parseInt(t[0]);
        long[] values = new long[n];
        for (int k = 0; k < n; k++) values[k] = Long.parseLong(t[1 + k]);
        System.out.println(maxSubarray(values));
    }
}
