import java.io.IOException;
import java.util.Arrays;

public class Main {
    public static void main(String[] args) throws IOException {
        String[] t = new String(System.in.readAllBytes()).trim().split("\\s+");
        int n = Integer.parseInt(t[0]), amount = Integer.parseInt(t[1]);
        int[] coins = new int[n];
        for (int k = 0; k < n; k++) coins[k] = Integer.parseInt(t[2 + k]);
        int[] best = new int[amount + 1];
        Arrays.fill(best, amount + 1);
        best[0] = 0;
        for (int total = 1; total <= amount; total++)
            for (int coin : coins)
                if (coin <= total) best[total] = Math.min(best[total], best[total - coin] + 1);
        System.out.println(best[amount] <= amount ? best[amount] : -1);
    }
}
