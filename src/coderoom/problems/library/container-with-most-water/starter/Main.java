import java.io.IOException;

public class Main {
    static long maxArea(int[] heights) {
        // Your code here.
        return 0;
    }

    public static void main(String[] args) throws IOException {
        String[] t = new String(System.in.readAllBytes()).trim().split("\\s+");
        int n = Integer.parseInt(t[0]);
        int[] heights = new int[n];
        for (int k = 0; k < n; k++) heights[k] = Integer.parseInt(t[1 + k]);
        System.out.println(maxArea(heights));
    }
}
