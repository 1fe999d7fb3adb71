import java.io.IOException;
import java.util.Arrays;
import java.util.PriorityQueue;

public class Main {
    public static void main(String[] args) throws IOException {
        String[] t = new String(System.in.readAllBytes()).trim().split("\\s+");
        int n = Integer.parseInt(t[0]);
        long[][] meetings = new long[n][2];
        for (int k = 0; k < n; k++) {
            meetings[k][0] = Long.parseLong(t[1 + 2 * k]);
            meetings[k][1] = Long.parseLong(t[2 + 2 * k]);
        }
        Arrays.sort(meetings, (x, y) -> Long.compare(x[0], y[0]));
        PriorityQueue<Long> ends = new PriorityQueue<>();
        for (long[] m : meetings) {
            if (!ends.isEmpty() && ends.peek() <= m[0]) ends.poll();
            ends.add(m[1]);
        }
        System.out.println(ends.size());
    }
}
