import java.io.IOException;

public class Main {
    static int[] dailyTemperatures(int[] temps) {
        // Your code here.
        return new int[temps.length];
    }

    public static void main(String[] args) throws IOException {
        String[] t = new String(System.in.readAllBytes()).trim().split("\\s+");
        int n = Integer.parseInt(t[0]);
        int[] temps = new int[n];
        for (int k = 0; k < n; k++) temps[k] = Integer.parseInt(t[1 + k]);
        StringBuilder out = new StringBuilder();
        for (int w : dailyTemperatures(temps)) out.append(out.length() > 0 ? " " : "").append(w);
        System.out.println(out);
    }
}
