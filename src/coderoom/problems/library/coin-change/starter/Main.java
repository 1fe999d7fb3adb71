import java.io.IOException;

public class Main {
    static int coinChange(int[] coins, int amount) {
        // Your code here.
        return -1;
    }

    public static void main(String[] args) throws IOException {
        String[] t = new String(System.in.readAllBytes()).trim().split("\\s+");
        int n = Integer.parseInt(t[0]), amount = Integer.parseInt(t[1]);
        int[] coins = new int[n];
        for (int k = 0; k < n; k++) coins[k] = Integer.parseInt(t[2 + k]);
        System.out.println(coinChange(coins, amount));
    }
}
