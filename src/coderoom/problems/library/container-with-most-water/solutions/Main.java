import java.io.IOException;

public class Main {
    public static void main(String[] args) throws IOException {
        String[] t = new String(System.in.readAllBytes()).trim().split("\\s+");
        int n = Integer.parseInt(t[0]);
        int[] h = new int[n];
        for (int k = 0; k < n; k++) h[k] = Integer.parseInt(t[1 + k]);
        int i = 0, j = n - 1;
        long best = 0;
        while (i < j) {
            best = Math.max(best, (long) (j - i) * Math.min(h[i], h[j]));
            if (h[i] < h[j]) i++;
            else j--;
        }
        System.out.println(best);
    }
}
