import java.io.IOException;

public class Main {
    // Return {i, j} with i < j and values[i] + values[j] == target, or null.
    static int[] twoSum(long[] values, long target) {
        return null;
    }

    public static void main(String[] args) throws IOException {
        String[] t = new String(System.in.readAllBytes()).trim().split("\\s+");
        int n = Integer.parseInt(t[0]);
        long[] values = new long[n];
        for (int k = 0; k < n; k++) values[k] = Long.parseLong(t[1 + k]);
        long target = Long.parseLong(t[1 + n]);
        int[] pair = twoSum(values, target);
        System.out.println(pair == null ? "-1" : pair[0] + " " + pair[1]);
    }
}
